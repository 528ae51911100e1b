import { describe, expect, it } from 'vitest';
import { casesCoverageCheck, modelCoverageCheck } from './coverage-gate.js';
import { loadFixture } from './testing.js';

describe('MODEL_COVERAGE', () => {
  it('passes on the good fixture, whose model cites every normative and implementation-defined clause', async () => {
    expect(modelCoverageCheck.run(await loadFixture('good'))).toEqual([]);
  });

  it('fails on broken, naming each normative or implementation-defined clause its model does not cite', async () => {
    const problems = modelCoverageCheck.run(await loadFixture('broken'));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.message).toMatch(/^(normative|implementation-defined) clause \S+ is not cited by the model/);
  });
});

describe('CASES_COVERAGE', () => {
  it('passes on the good fixture, whose cases cite every observable clause', async () => {
    expect(casesCoverageCheck.run(await loadFixture('good'))).toEqual([]);
  });

  it('fails on broken, whose case cites one clause and leaves the other observable one uncovered', async () => {
    const problems = casesCoverageCheck.run(await loadFixture('broken'));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.message).toMatch(/clause \S+ is not cited by any case/);
  });

  it('passes when no case exists yet', async () => {
    expect(casesCoverageCheck.run(await loadFixture('bad-registry'))).toEqual([]);
  });
});
