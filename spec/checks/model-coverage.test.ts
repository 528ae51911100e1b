import { describe, expect, it } from 'vitest';
import { modelCoverageCheck } from './model-coverage.js';
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
