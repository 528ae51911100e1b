/**
 * What a transition returns: the set of outcomes the spec allows, each a value naming the clauses
 * that allow it.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { Errno, ModelState, Value } from './state.js';

/** The return value a call gives, as a class the oracle can match. */
export type Ret =
  | { readonly kind: 'handle'; readonly object: number }
  | { readonly kind: 'null' }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'symbol'; readonly object: number; readonly name: string }
  | { readonly kind: 'nonzero' }
  | { readonly kind: 'string'; readonly text: string | null }
  | { readonly kind: 'none' }
  /** Any return at all: only in unspecified and undefined outcomes. */
  | { readonly kind: 'any' };

/** What dlerror() reports right after the call. */
export type ErrorExpectation =
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly errno: Errno | 'unspecified'; readonly except?: Errno }
  | { readonly kind: 'any' };

/** An observable side effect of a call, in the order it happens. */
export type Effect =
  | { readonly kind: 'ctor'; readonly object: number }
  | { readonly kind: 'dtor'; readonly object: number }
  /**
   * premap is called for `object` with `maplength` (dlmem.premap.maplength, the unrounded extent);
   * what `mapalign` holds is unspecified (dlmem.premap.mapalign).
   */
  | { readonly kind: 'premap-call'; readonly object: number; readonly maplength: number }
  | { readonly kind: 'mapped'; readonly object: number }
  | { readonly kind: 'unmapped'; readonly object: number }
  | { readonly kind: 'relocated'; readonly object: number }
  | { readonly kind: 'region-unmapped'; readonly region: string };

/**
 * How firmly the spec decides an outcome:
 * - `specified`: a normative clause requires it;
 * - `implementation-defined`: one of the outcomes an implementation-defined clause lists;
 * - `unspecified`: the spec is silent here (`gap` says what is missing);
 * - `undefined`: the caller broke a caller requirement; anything, a crash included, is allowed.
 */
export type Firmness = 'specified' | 'implementation-defined' | 'unspecified' | 'undefined';

/** One allowed outcome of a call. */
export interface Outcome {
  /** The return value. */
  readonly ret: Ret;
  /** What dlerror() reports right after. */
  readonly error: ErrorExpectation;
  /** The state after the call. */
  readonly next: ModelState;
  /** Side effects, in order. */
  readonly effects: readonly Effect[];
  /** The clauses that allow this outcome (never empty). */
  readonly cites: readonly ClauseId[];
  /** How firmly the spec decides it. */
  readonly firmness: Firmness;
  /** For `unspecified` and `undefined` outcomes: what the spec leaves open. */
  readonly gap?: string;
  /** The value bound to the call's `as` variable, when it has one. */
  readonly value?: Value;
}

/** The allowed outcomes of a call: never empty (an impossible call is a model bug). */
export type Outcomes = readonly Outcome[];
