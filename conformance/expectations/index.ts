/**
 * Per-loader expectations (XFAIL / XPASS): the files in conformance/expectations/, read and
 * applied to a run's results.
 *
 * @module
 */
import { loadCases } from '../case-file/discover.js';
import type { CaseDef } from '../case-file/case.js';
import type { ResultEntry } from '../report/types.js';
import { type AppliedExpectations, applyExpectations } from './apply.js';
import { loadExpectations } from './load.js';

export { type AppliedExpectations, applyExpectations } from './apply.js';
export {
  DIVERGENCE_KINDS, EXPECTATIONS_DIR, type Expectation, expectationsFileName, loadExpectations, type LoaderExpectations,
  parseExpectations, WHY_CLASSES,
} from './load.js';

/** The cases under `root`, by id (for checking that every entry names one). */
export function casesById(root: string): ReadonlyMap<string, CaseDef> {
  return new Map(loadCases(root).flatMap((r) => (r.ok ? [[r.case.id, r.case] as const] : [])));
}

/** Reads the expectations of every loader in `loaderIds` under `root` and applies them to `results`. */
export function expectResults(root: string, loaderIds: readonly string[], results: readonly ResultEntry[]): AppliedExpectations {
  const cases = casesById(root);
  return applyExpectations(results, loaderIds.map((id) => loadExpectations(root, id, cases)));
}
