/**
 * What one result says of each clause: the one rule behind the clause × loader table of every
 * report format. A clause is PASS, FAIL (XFAIL) or UNSPECIFIED only where a requirement citing it
 * was evaluated, and a FAIL names only the clauses the divergence broke; a clause the case is
 * about that the run ended before judging is NOT-REACHED, never FAIL. UNSUPPORTED and ERROR
 * results say so of every clause the case lists.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ClauseJudgement, VerdictKind } from '../oracle/types.js';

/** A cell of the clause × loader table. */
export type ClauseCell = VerdictKind | 'NOT-REACHED';

/** How bad each cell is, worst first. */
export const CELL_SEVERITY: readonly ClauseCell[] = ['FAIL', 'XPASS', 'ERROR', 'UNSPECIFIED', 'XFAIL', 'PASS', 'NOT-REACHED', 'UNSUPPORTED'];

/** The worse of two cells. */
export function worseCell(a: ClauseCell, b: ClauseCell): ClauseCell {
  return CELL_SEVERITY.indexOf(a) <= CELL_SEVERITY.indexOf(b) ? a : b;
}

/** What a result needs for its cells. */
export interface CellInput {
  /** The verdict (after expectations). */
  readonly verdict: VerdictKind;
  /** The clauses the case lists. */
  readonly clauses: readonly ClauseId[];
  /** The clauses its requirements judged, and how. */
  readonly judged?: Readonly<Partial<Record<ClauseId, ClauseJudgement>>>;
  /** For FAIL: every step was judged. */
  readonly reachedEnd?: boolean;
}

/** The cells of one result, by clause. */
export function resultCells(r: CellInput): Partial<Record<ClauseId, ClauseCell>> {
  const cells: Partial<Record<ClauseId, ClauseCell>> = {};
  if (r.verdict === 'UNSUPPORTED' || r.verdict === 'ERROR') {
    for (const c of r.clauses) cells[c] = r.verdict;
    return cells;
  }
  for (const [c, j] of Object.entries(r.judged ?? {}) as [ClauseId, ClauseJudgement][]) {
    cells[c] = j === 'FAIL' ? (r.verdict === 'XFAIL' ? 'XFAIL' : 'FAIL') : j;
  }
  const endedEarly = (r.verdict === 'FAIL' || r.verdict === 'XFAIL') && r.reachedEnd !== true;
  for (const c of r.clauses) {
    if (cells[c] !== undefined) continue;
    if (r.verdict === 'XPASS') cells[c] = 'XPASS';
    else if (endedEarly) cells[c] = 'NOT-REACHED';
  }
  return cells;
}
