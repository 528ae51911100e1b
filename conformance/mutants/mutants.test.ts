import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../build/cache.js';
import { MUTANTS } from './catalogue.js';
import { runMutation } from './run.js';

const pick = (...ids: string[]) => MUTANTS.filter((m) => ids.includes(m.id));

// A handful of mutants through the whole pipeline: built library, driver hook, real processes, oracle, matrix.
describe('a mutation run', () => {
  it('convicts libc mutants of host-glibc, each for its own clause', async () => {
    const { report, problems } = await runMutation({
      root: REPO_ROOT, mutants: pick('ctor-skip', 'dladdr-wrong-base', 'dlinfo-wrong-l-addr', 'dlerror-stale'),
      loaders: ['host-glibc'], caseGlob: 'baseline/*',
    });
    expect(problems).toEqual([]);
    expect(report.rows.map((r) => [r.mutant, r.loader, r.fate])).toEqual([
      ['ctor-skip', 'host-glibc', 'killed'], ['dladdr-wrong-base', 'host-glibc', 'killed'],
      ['dlinfo-wrong-l-addr', 'host-glibc', 'killed'], ['dlerror-stale', 'host-glibc', 'killed'],
    ]);
    expect(report.rows.every((r) => r.evidence?.violated.includes(r.clause))).toBe(true);
    expect(report.scores.overall).toEqual({ killed: 4, judged: 4, ratio: 1 });
    // Their clauses are targets (host-glibc passed them) and now killed; the others have no mutant in this run.
    const clauses = [...new Set(report.rows.map((r) => r.clause))];
    expect(report.reach.killed).toEqual(report.reach.targets.filter((c) => clauses.includes(c)));
    expect(report.reach.killed.length).toBe(clauses.length);
    expect(report.reach.noMutant.length).toBe(report.reach.targets.length - clauses.length);
  }, 120_000);

  it('convicts dlmem mutants of the memfd layer, leaves an allowed departure alone, and lists what it cannot make', async () => {
    const { report } = await runMutation({
      root: REPO_ROOT, mutants: pick('dlmem-writes-source', 'keep-after-last-close', 'premap-twice'),
      loaders: ['host-glibc+memfd'], caseGlob: 'dlmem/close-*',
    });
    expect(report.rows.map((r) => [r.mutant, r.fate])).toEqual([['keep-after-last-close', 'allowed'], ['dlmem-writes-source', 'killed']]);
    expect(report.notMade).toEqual([{ mutant: 'premap-twice', why: 'needs a loader with its own dlmem: a --libc build of the dlmem branch' }]);
  }, 120_000);
});
