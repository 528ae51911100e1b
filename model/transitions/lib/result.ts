/**
 * Finishing an outcome: the value a call binds to its `as` variable, bound in `next` and carried
 * in `value`, and the qualification an outcome gets when it is reached through an earlier
 * implementation-defined or unspecified step.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Firmness, Outcome } from '../../types/outcome.js';
import type { Value } from '../../types/state.js';
import { union } from '../../outcome/build.js';
import { bind } from '../../state/vars.js';
import { weaken, weakerFirmness } from './mode.js';

/** The value an outcome binds: its own `value`, else one derived from its return. */
export function valueOf(outcome: Outcome): Value {
  if (outcome.value !== undefined) return outcome.value;
  switch (outcome.ret.kind) {
    case 'handle': return { kind: 'handle', object: outcome.ret.object };
    case 'null': return { kind: 'null' };
    case 'int': return { kind: 'int', value: outcome.ret.value };
    case 'symbol': return { kind: 'symbol', object: outcome.ret.object, name: outcome.ret.name };
    default: return { kind: 'unknown' };
  }
}

/**
 * Binds the outcome's value to `as` in `next` and records it in `value` (a call without `as`
 * still carries the value). Undefined and `any` outcomes bind `{ kind: 'unknown' }`.
 */
export function finish(outcome: Outcome, as: string | undefined): Outcome {
  const value = valueOf(outcome);
  if (as === undefined && value === outcome.value) return outcome;
  // Built key by key, in the order every outcome has (model/outcome/build.ts): one object shape.
  const { ret, error, effects, cites, firmness, gap } = outcome;
  return { ret, error, next: bind(outcome.next, as, value), effects, cites, firmness, gap, value };
}

/** The way a call has come so far: how firmly, which clauses allowed it, what is left open. */
export interface Route {
  /** The weakest firmness of the steps taken. */
  readonly firmness: Firmness;
  /** The clauses of the steps taken. */
  readonly cites: readonly ClauseId[];
  /** What the steps taken leave open, when any was unspecified. */
  readonly gap?: string;
}

/** The route of a call that has taken no optional step yet. */
export const FIRM: Route = { firmness: 'specified', cites: [] };

/** The route extended by one more step. */
export function along(route: Route, firmness: Firmness, cites: readonly ClauseId[], gap?: string): Route {
  const gaps = [...new Set([route.gap, gap].filter((g): g is string => g !== undefined && g !== ''))];
  return {
    firmness: weakerFirmness(route.firmness, firmness),
    cites: union(route.cites, cites),
    ...(gaps.length === 0 ? {} : { gap: gaps.join('; ') }),
  };
}

/** An outcome qualified by the route that reached it: cites added, firmness weakened, gaps joined. */
export function qualify(outcome: Outcome, route: Route): Outcome {
  return weaken(outcome, route.firmness, route.cites, route.gap);
}

/**
 * What one step of a call gives: the outcomes that end the call there (already qualified by the
 * route that reached the step), and the ways the call may go on, each carrying its own route.
 */
export interface Fork<T> {
  /** Outcomes that end the call at this step. */
  readonly ended: readonly Outcome[];
  /** The ways the call goes on. */
  readonly go: readonly T[];
}

/** A step that only goes on, one way. */
export function goOn<T>(value: T): Fork<T> {
  return { ended: [], go: [value] };
}

/** A step that ends the call with these outcomes. */
export function end<T>(outcomes: readonly Outcome[]): Fork<T> {
  return { ended: outcomes, go: [] };
}

/** Applies a step to every way a call goes on, collecting what ends and what goes on. */
export function andThen<T, U>(fork: Fork<T>, step: (value: T) => Fork<U>): Fork<U> {
  const ended: Outcome[] = [...fork.ended];
  const go: U[] = [];
  for (const value of fork.go) {
    const next = step(value);
    ended.push(...next.ended);
    go.push(...next.go);
  }
  return { ended, go };
}
