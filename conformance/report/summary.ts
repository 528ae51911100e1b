/**
 * The summary tables of a run: verdict counts per loader, and per clause and loader the worst
 * cell the results give the clause (cells.ts: judged clauses only; NOT-REACHED and UNSUPPORTED
 * only when nothing better is known).
 *
 * @module
 */
import type { VerdictKind } from '../oracle/types.js';
import { type ClauseCell, resultCells, worseCell } from './cells.js';
import type { ResultEntry, RunSummary, VerdictCounts } from './types.js';

/** How bad each verdict is, worst first. */
export const SEVERITY: readonly VerdictKind[] = ['FAIL', 'XPASS', 'ERROR', 'UNSPECIFIED', 'XFAIL', 'PASS', 'UNSUPPORTED'];

/** The worse of two verdicts. */
export function worse(a: VerdictKind, b: VerdictKind): VerdictKind {
  return SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b;
}

/** Whether a result ran its case to the end: every step was judged. */
function completed(r: ResultEntry): boolean {
  return r.verdict === 'PASS' || r.verdict === 'UNSPECIFIED' || r.verdict === 'XPASS' || r.reachedEnd === true;
}

/**
 * The clause × loader matrix of `results`: each cell the worst its results give the clause. A
 * clause is NOT-REACHED only when every result that could judge it ended before: a result that ran
 * a case listing it to the end without judging it takes the NOT-REACHED away (the case reached it;
 * nothing there is for the clause to judge).
 */
export function clauseMatrix(results: readonly ResultEntry[]): Record<string, Record<string, ClauseCell>> {
  const byClause: Record<string, Record<string, ClauseCell>> = {};
  const ranThrough = new Set<string>();
  for (const r of results) {
    if (completed(r)) for (const c of r.clauses) ranThrough.add(`${c}\u0000${r.loader}`);
    for (const [clause, cell] of Object.entries(r.cells ?? resultCells(r)) as [string, ClauseCell][]) {
      const row = (byClause[clause] ??= {});
      const old = row[r.loader];
      row[r.loader] = old === undefined ? cell : worseCell(old, cell);
    }
  }
  for (const [clause, row] of Object.entries(byClause)) {
    for (const [loader, cell] of Object.entries(row)) if (cell === 'NOT-REACHED' && ranThrough.has(`${clause}\u0000${loader}`)) delete row[loader];
    if (Object.keys(row).length === 0) delete byClause[clause];
  }
  return Object.fromEntries(Object.entries(byClause).sort(([a], [b]) => a.localeCompare(b)));
}

/** Counts per loader, the clause × loader matrix, and the same matrix per profile. */
export function summarize(results: readonly ResultEntry[]): RunSummary {
  const byLoader: Record<string, VerdictCounts> = {};
  for (const r of results) {
    const counts = (byLoader[r.loader] ??= {});
    counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
  }
  const profiles = [...new Set(results.flatMap((r) => (r.profile === null ? [] : [r.profile])))];
  const byProfile = Object.fromEntries(profiles.map((p) => [p, clauseMatrix(results.filter((r) => r.profile === p))]));
  return { byLoader, byClause: clauseMatrix(results), byProfile };
}
