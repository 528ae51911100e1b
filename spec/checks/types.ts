/**
 * The shape of a spec check: an id, a description, and a function from the loaded context
 * to the problems it finds.
 *
 * @module
 */
import type { Problem } from '../registry/types.js';
import type { CheckContext } from './context.js';

export type { Problem } from '../registry/types.js';

/** One check of `npm run spec:check`. */
export interface Check {
  /** Upper-case identifier, such as `SPEC_FRESH`. */
  id: string;
  /** What the check makes sure of, in one sentence. */
  description: string;
  /** Runs the check; an empty list means it passed. */
  run(ctx: CheckContext): Problem[];
}

/** The problems one check reported. */
export interface CheckResult {
  /** The check's id. */
  check: string;
  /** The check's description. */
  description: string;
  /** What it found; empty when it passed. */
  problems: Problem[];
}
