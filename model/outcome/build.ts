/**
 * Builders for outcomes: every transition returns values made here, so that each outcome carries
 * its clauses and its firmness the same way.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { Effect, ErrorExpectation, Firmness, Outcome, Ret } from '../types/outcome.js';
import type { Errno, ModelState, Value } from '../types/state.js';

const NO_ERROR: ErrorExpectation = { kind: 'none' };

/**
 * The items of `a`, then those of `b`, each once in the order first seen: what
 * `[...new Set([...a, ...b])]` gives, without the set (clause lists are short, and joining them is
 * on every transition's path).
 */
export function union<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (const x of a) if (!out.includes(x)) out.push(x);
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}

/** Optional parts of an outcome. */
export interface OutcomeExtras {
  /** Side effects, in order. */
  readonly effects?: readonly Effect[];
  /** The value bound to the call's `as` variable. */
  readonly value?: Value;
  /** What dlerror() reports; default none for success builders. */
  readonly error?: ErrorExpectation;
}

/** An outcome a normative clause requires. */
export function specified(next: ModelState, ret: Ret, cites: readonly ClauseId[], extras: OutcomeExtras = {}): Outcome {
  return make(next, ret, cites, 'specified', undefined, extras);
}

/** One of the outcomes an implementation-defined clause lists. */
export function implementationDefined(
  next: ModelState, ret: Ret, cites: readonly ClauseId[], extras: OutcomeExtras = {},
): Outcome {
  return make(next, ret, cites, 'implementation-defined', undefined, extras);
}

/** An outcome in a spot the spec leaves open; `gap` names what is missing. */
export function unspecified(
  next: ModelState, ret: Ret, cites: readonly ClauseId[], gap: string, extras: OutcomeExtras = {},
): Outcome {
  return make(next, ret, cites, 'unspecified', gap, extras);
}

/** The outcome of breaking a caller requirement: anything at all, a crash included. */
export function undefinedBehaviour(state: ModelState, cites: readonly ClauseId[], gap: string): Outcome {
  return make(state, { kind: 'any' }, cites, 'undefined', gap, { error: { kind: 'any' } });
}

/**
 * A failed call: returns `ret` (NULL or -1), leaves `state` as it was apart from the pending
 * dlerror() message, and reports `errno` (or an unspecified error number).
 */
export function failure(
  state: ModelState, ret: Ret, errno: Errno | 'unspecified', cites: readonly ClauseId[],
  firmness: Firmness = 'specified', gap?: string, effects: readonly Effect[] = [],
): Outcome {
  const next: ModelState = { ...state, dlerror: { errno, cites } };
  return make(next, ret, cites, firmness, gap, { error: { kind: 'error', errno }, effects });
}

function make(
  next: ModelState, ret: Ret, cites: readonly ClauseId[], firmness: Firmness, gap: string | undefined,
  extras: OutcomeExtras,
): Outcome {
  if (cites.length === 0) throw new Error('model bug: an outcome must cite at least one clause');
  // Every outcome has the same keys (gap and value possibly undefined): one object shape keeps
  // the hot paths that copy outcomes monomorphic.
  return { ret, error: extras.error ?? NO_ERROR, next, effects: extras.effects ?? [], cites, firmness, gap, value: extras.value };
}
