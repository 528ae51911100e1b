/**
 * Applying per-loader expectations to a run's results, strictly (as WebKit's and test262's
 * expectation files work): a FAIL with the expected divergence kind and step becomes XFAIL; an
 * expected failure that now passes (PASS, or UNSPECIFIED: no divergence) becomes XPASS, an error;
 * a FAIL with another kind or step stays FAIL with a note saying what was expected; a result that
 * cannot be compared (UNSUPPORTED, ERROR) keeps its verdict, and the entry is a problem.
 *
 * @module
 */
import type { ExpectationsSummary, ResultEntry } from '../report/types.js';
import type { Expectation, LoaderExpectations } from './load.js';

/** The results after the expectations, and what they did. */
export interface AppliedExpectations {
  /** Every result, in the same order, with XFAIL / XPASS and notes where an entry applies. */
  readonly results: readonly ResultEntry[];
  /** Counts and problems. */
  readonly summary: ExpectationsSummary;
}

/** How an entry names the failure it expects. */
function expected(e: Expectation): string {
  return `${e.kind} at step ${e.step}`;
}

/** The entry of `sets` that applies to result `r`, if any (an entry for the profile wins over one for every profile). */
function entryFor(r: ResultEntry, byLoader: ReadonlyMap<string, LoaderExpectations>): Expectation | undefined {
  const entries = byLoader.get(r.loader)?.entries ?? [];
  return entries.find((e) => e.case === r.case && e.profile === r.profile) ?? entries.find((e) => e.case === r.case && e.profile === undefined);
}

/** Applies `sets` (one per loader that ran) to `results`. */
export function applyExpectations(results: readonly ResultEntry[], sets: readonly LoaderExpectations[]): AppliedExpectations {
  const byLoader = new Map(sets.map((s) => [s.loader, s]));
  const problems = sets.flatMap((s) => s.problems);
  let xfail = 0;
  let xpass = 0;
  let changed = 0;
  const out = results.map((r): ResultEntry => {
    const e = entryFor(r, byLoader);
    if (e === undefined) return r;
    const withEntry = { ...r, expected: { kind: e.kind, step: e.step, why: e.why, file: e.file } };
    const where = `${e.file}: ${r.case} [${r.loader}, ${r.profile ?? '-'}]`;
    const d = r.divergence;
    if (r.verdict === 'FAIL' && d !== undefined && d.kind === e.kind && d.step === e.step) {
      xfail++;
      return { ...withEntry, verdict: 'XFAIL' };
    }
    if (r.verdict === 'FAIL') {
      changed++;
      const now = d === undefined ? 'no divergence recorded' : `${d.kind} at step ${d.step}`;
      return { ...withEntry, note: `expected failure changed: was ${expected(e)}, now ${now}` };
    }
    if (r.verdict === 'PASS' || r.verdict === 'UNSPECIFIED') {
      xpass++;
      return { ...withEntry, verdict: 'XPASS', note: `expected to fail (${expected(e)}) but it now passes (${r.verdict}): remove the entry` };
    }
    const note = `expected to fail (${expected(e)}) but the result is ${r.verdict}: the entry cannot be checked`;
    problems.push(`${where}: ${note}`);
    return { ...withEntry, note };
  });
  const files = sets.filter((s) => s.entries.length > 0 || s.problems.length > 0).map((s) => s.file);
  const entries = sets.reduce((n, s) => n + s.entries.length, 0);
  return { results: out, summary: { files, entries, xfail, xpass, changed, problems } };
}
