/**
 * Result entries: a verdict wrapped with its case, profile, loader and time; and the ERROR
 * entries the harness writes itself (a malformed case file, a case that cannot be lowered, a run
 * that could not happen, an oracle that threw).
 *
 * @module
 */
import type { ProfileId } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { Verdict } from '../oracle/types.js';
import type { ResultEntry } from '../report/types.js';

/** What a result needs to know of its case. */
export type CaseRef = Pick<CaseDef, 'id' | 'file' | 'clauses'>;

/** A verdict as a result entry. */
export function entryOf(c: CaseRef, loader: string, verdict: Verdict, ms: number): ResultEntry {
  return {
    case: c.id, file: c.file, profile: verdict.profile, loader, verdict: verdict.kind,
    ...(verdict.divergence === undefined ? {} : { divergence: verdict.divergence }),
    gaps: verdict.gaps, steps: verdict.steps,
    ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    clauses: c.clauses, ...(verdict.judged === undefined ? {} : { judged: verdict.judged }),
    ...(verdict.choices === undefined ? {} : { choices: verdict.choices }),
    ...(verdict.reachedEnd === undefined ? {} : { reachedEnd: verdict.reachedEnd }),
    ...(verdict.later === undefined ? {} : { later: verdict.later }), ms: Math.round(ms * 10) / 10,
  };
}

/** An ERROR the harness gives itself, saying why. */
export function errorEntry(c: CaseRef, loader: string, profile: ProfileId | null, reason: string, ms = 0): ResultEntry {
  return { case: c.id, file: c.file, profile, loader, verdict: 'ERROR', gaps: [], steps: [], reason, clauses: c.clauses, ms: Math.round(ms * 10) / 10 };
}

/** The case reference of a malformed case file (its id is its path below conformance/cases). */
export function malformedRef(file: string): CaseRef {
  return { id: file.replace(/^conformance\/cases\//, '').replace(/\.case\.yaml$/, ''), file, clauses: [] };
}

/** Runs the oracle, turning an exception into an ERROR verdict (an oracle bug is not a harness crash). */
export function safeCheck(check: () => Verdict, profile: ProfileId): Verdict {
  try {
    return check();
  } catch (e) {
    return { kind: 'ERROR', profile, reason: `the oracle failed: ${e instanceof Error ? e.message : String(e)}`, gaps: [], steps: [] };
  }
}
