/**
 * The divergences the existing cases already catch on a loader: every case run on it once, each
 * FAIL or ERROR reduced to the same signature the fuzzer groups by, with the first case showing it.
 *
 * @module
 */
import type { CaseDef } from '../case-file/case.js';
import { loadCases } from '../case-file/discover.js';
import { checkTrace } from '../oracle/check.js';
import { runConformance } from '../runner/run.js';
import { signatureOf } from './run.js';

/** Signature → the id of the first case that shows it on the loader. */
export type KnownSignatures = ReadonlyMap<string, string>;

/** Runs every case at `root` on loader `id` and collects the signatures of their divergences. */
export async function knownSignatures(root: string, id: string, libcDirs: readonly string[], jobs?: number): Promise<KnownSignatures> {
  const cases = new Map<string, CaseDef>(loadCases(root).flatMap((r) => (r.ok ? [[r.case.id, r.case] as const] : [])));
  const run = await runConformance({ root, check: checkTrace, loaders: [id], libcDirs, ...(jobs === undefined ? {} : { jobs }) });
  const known = new Map<string, string>();
  for (const r of run.results) {
    const c = cases.get(r.case);
    const sig = c === undefined ? undefined : signatureOf(r, c);
    if (sig !== undefined && !known.has(sig)) known.set(sig, r.case);
  }
  return known;
}
