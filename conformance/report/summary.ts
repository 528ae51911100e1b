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

/** Counts per loader, and the clause × loader matrix. */
export function summarize(results: readonly ResultEntry[]): RunSummary {
  const byLoader: Record<string, VerdictCounts> = {};
  const byClause: Record<string, Record<string, ClauseCell>> = {};
  for (const r of results) {
    const counts = (byLoader[r.loader] ??= {});
    counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
    for (const [clause, cell] of Object.entries(r.cells ?? resultCells(r)) as [string, ClauseCell][]) {
      const row = (byClause[clause] ??= {});
      const old = row[r.loader];
      row[r.loader] = old === undefined ? cell : worseCell(old, cell);
    }
  }
  const sorted = Object.fromEntries(Object.entries(byClause).sort(([a], [b]) => a.localeCompare(b)));
  return { byLoader, byClause: sorted };
}
