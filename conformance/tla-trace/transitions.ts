/**
 * A case's traces through the model: from each state a step can start in, every outcome the model
 * allows, with the label of the call and the abstract states on either side. Equal states are
 * merged, so that every path through the case is covered once.
 *
 * @module
 */
import { stateKey } from '../../model/script/explore.js';
import { step } from '../../model/step.js';
import { initialState } from '../../model/state/initial.js';
import type { Call } from '../../model/types/calls.js';
import type { Outcome } from '../../model/types/outcome.js';
import type { ModelState } from '../../model/types/state.js';
import type { World } from '../../model/world/world.js';
import { keyOf } from '../../spec/tlacheck/values.js';
import { NOTHING_OBSERVED, type Observed, observed } from './abstraction.js';
import { type Label, OWN_CODE, labelOf } from './labels.js';

/** One step of one trace: the state before (with what reached it), the call, its label and one allowed outcome. */
export interface Transition {
  /** 1-based step number in the case. */
  readonly step: number;
  /** The call. */
  readonly call: Call;
  /** The model state before. */
  readonly before: ModelState;
  /** What the outcome that reached `before` observed. */
  readonly seenBefore: Observed;
  /** The label of the call from `before`. */
  readonly label: Label;
  /** The outcome. */
  readonly outcome: Outcome;
  /** What the outcome observed. */
  readonly seenAfter: Observed;
}

/** The transitions of a case, or why the model could not run it. */
export interface CaseTransitions {
  /** Every transition, step by step. */
  readonly transitions: readonly Transition[];
  /** Why exploring stopped early (a script error), if it did. */
  readonly problem: string | undefined;
}

/** The most states followed between two steps; the rest are dropped (and counted). */
const FRONTIER_LIMIT = 2048;

/** The transitions of `steps` from `start` (the initial state by default) in `world`. */
export function caseTransitions(steps: readonly Call[], world: World, start: ModelState = initialState()): CaseTransitions {
  let frontier: { state: ModelState; seen: Observed }[] = [{ state: start, seen: NOTHING_OBSERVED }];
  const transitions: Transition[] = [];
  for (const [i, call] of steps.entries()) {
    const next = new Map<string, { state: ModelState; seen: Observed }>();
    for (const { state, seen } of frontier) {
      let result: ReturnType<typeof step>;
      try {
        result = step(state, call, world);
      } catch (e) {
        return { transitions, problem: `step ${i + 1}: the model cannot run it: ${e instanceof Error ? e.message : String(e)}` };
      }
      if (result.kind === 'unsupported') return { transitions, problem: undefined };
      const label = labelOf(state, call, world);
      for (const outcome of result.outcomes) {
        const seenAfter = observed(outcome, OWN_CODE.has(call.type));
        transitions.push({ step: i + 1, call, before: state, seenBefore: seen, label, outcome, seenAfter });
        next.set(`${keyOf(seenAfter.ret)}|${seenAfter.premaps}|${stateKey(outcome.next)}`, { state: outcome.next, seen: seenAfter });
      }
    }
    frontier = [...next.values()].slice(0, FRONTIER_LIMIT);
  }
  return { transitions, problem: undefined };
}
