/**
 * A branch of the loader pipeline: one way a load or a relocation can go, before a transition
 * turns it into an outcome with its own return value.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { Effect, Firmness, Outcome, Ret } from '../types/outcome.js';
import type { Errno, ModelState, Value } from '../types/state.js';
import { union } from '../outcome/build.js';

/** One way a pipeline step can go. */
export interface Branch {
  /** Whether the step succeeded. */
  readonly ok: boolean;
  /** The state after (for a failure: the state to report the failure from). */
  readonly state: ModelState;
  /** What happened, in order. */
  readonly effects: readonly Effect[];
  /** The clauses that decide this branch. */
  readonly cites: readonly ClauseId[];
  /** How firmly the spec decides it. */
  readonly firmness: Firmness;
  /** For unspecified branches: what the spec leaves open. */
  readonly gap?: string;
  /** For failures: the error number reported. */
  readonly errno?: Errno | 'unspecified';
  /** For loads: the object the handle refers to. */
  readonly object?: number;
}

/** A successful branch. */
export function okBranch(
  state: ModelState, effects: readonly Effect[], cites: readonly ClauseId[], firmness: Firmness = 'specified',
  object?: number, gap?: string,
): Branch {
  return { ok: true, state, effects, cites, firmness, ...(object === undefined ? {} : { object }), ...(gap === undefined ? {} : { gap }) };
}

/** A failed branch, reported from `state` with `errno`. */
export function failBranch(
  state: ModelState, errno: Errno | 'unspecified', cites: readonly ClauseId[], firmness: Firmness = 'specified',
  effects: readonly Effect[] = [],
): Branch {
  return { ok: false, state, effects, cites, firmness, errno };
}

/**
 * Turns a branch into an outcome: on success `onOk` gives the return value and bound value; on
 * failure the call returns `failRet` and dlerror() reports the branch's error.
 */
export function toOutcome(
  branch: Branch, extraCites: readonly ClauseId[], failRet: Ret,
  onOk: (b: Branch) => { readonly ret: Ret; readonly value?: Value },
): Outcome {
  const cites = union(extraCites, branch.cites);
  const gap = branch.gap;
  if (branch.ok) {
    const { ret, value } = onOk(branch);
    return { ret, error: { kind: 'none' }, next: branch.state, effects: branch.effects, cites, firmness: branch.firmness, gap, value };
  }
  const errno = branch.errno ?? 'unspecified';
  return {
    ret: failRet, error: { kind: 'error', errno }, next: { ...branch.state, dlerror: { errno, cites } },
    effects: branch.effects, cites, firmness: branch.firmness, gap,
    value: failRet.kind === 'null' ? { kind: 'null' } as const : undefined,
  };
}
