/**
 * What the model encodes by its construction rather than by a branch of some transition. The model
 * is sequential: every call is one atomic step, and no other thread runs during it. That atomicity
 * is exactly what these clauses promise, so they hold in every run of the model; they are listed
 * here so that the spec's coverage table shows where the model stands on them.
 *
 * @module
 */
import type { ClauseId } from '../spec/clause-ids.gen.js';

/** A clause the model's semantics satisfies by construction, and why. */
export interface ByConstruction {
  /** The clause. */
  readonly clause: ClauseId;
  /** How the model's construction encodes it. */
  readonly why: string;
}

/** The clauses the model satisfies by construction. */
export const BY_CONSTRUCTION: readonly ByConstruction[] = [
  { clause: 'dlmem.args.concurrency', why: 'every call, dlmem included, is one atomic step of a sequential model' },
  { clause: 'dlmem.premap.lock-held', why: 'premap runs inside the dlmem step; no other call can interleave with it' },
  { clause: 'noreloc.defer.audit', why: 'the model has no audit interface, so no audit event is ever delayed' },
];
