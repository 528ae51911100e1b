import { describe, expect, it } from 'vitest';
import { casesCoverageCheck, judgedCoverageCheck, modelCoverageCheck } from './coverage-gate.js';
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

describe('JUDGED_COVERAGE', () => {
  it('passes on the good fixture, where every normative observable clause is judged', async () => {
    expect(judgedCoverageCheck.run(await loadFixture('good'))).toEqual([]);
  });

  it('fails on broken, naming the normative observable clause no requirement judges', async () => {
    const problems = judgedCoverageCheck.run(await loadFixture('broken'));
    // broken's judgement judges one of its two normative observable clauses.
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^normative clause \S+ is not cited by any requirement the oracle evaluates \(no case judges it\)$/);
  });

  it('reports the cases the model could not explore, and judges nothing when no judged coverage was computed', async () => {
    const ctx = await loadFixture('good');
    const judgement = ctx.judgement;
    if (judgement === undefined) throw new Error('the good fixture has a judgement');
    const explored = judgedCoverageCheck.run({ ...ctx, judgement: { ...judgement, problems: ['a/case [dlmem-v9] step 2: the model cannot run it'] } });
    expect(explored.map((p) => p.message)).toEqual(['a/case [dlmem-v9] step 2: the model cannot run it']);
    expect(judgedCoverageCheck.run({ ...ctx, judgement: undefined })).toEqual([]);
  });
});
