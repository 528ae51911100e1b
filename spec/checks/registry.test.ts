import { describe, expect, it } from 'vitest';
import { loadContext } from './context.js';
import { registryCheck } from './registry.js';
import { fixtureRoot, loadFixture } from './testing.js';

describe('REGISTRY', () => {
  it('passes on the good fixture', async () => {
    expect(registryCheck.run(await loadFixture('good'))).toEqual([]);
  });

  it('fails on bad-registry with validation and thread problems', async () => {
    const problems = registryCheck.run(await loadFixture('bad-registry'));
    expect(problems.some((problem) => /unknown key "colour"/.test(problem.message))).toBe(true);
    expect(problems.some((problem) => /L60 is past the end/.test(problem.message))).toBe(true);
  });

  it('skips thread citations, with a notice, when the thread file is absent', async () => {
    const ctx = await loadContext(fixtureRoot('bad-registry'), { threadPath: 'no/such/thread.txt' });
    expect(ctx.notices).toEqual(['thread file no/such/thread.txt not found: thread citations were not checked']);
    const problems = registryCheck.run(ctx);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((problem) => /past the end/.test(problem.message))).toBe(false);
  });
});
