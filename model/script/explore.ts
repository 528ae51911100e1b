/**
 * Running a script through the model without observations: from each state still possible, every
 * allowed outcome, step by step. Equal states are merged and the frontier is bounded.
 *
 * @module
 */
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import { checkInvariants } from '../invariants/invariants.js';
import { step } from '../step.js';

/** What one step of an exploration found. */
export interface ExploredStep {
  /** The call. */
  readonly call: Call;
  /** The distinct allowed outcomes over every state reached before the step. */
  readonly outcomes: readonly Outcome[];
  /** Why the call has no meaning in this profile, when it has none. */
  readonly unsupported?: string;
  /** Invariants broken by any outcome (a model bug when non-empty). */
  readonly broken: readonly string[];
  /** How many states were dropped to keep the frontier bounded. */
  readonly dropped: number;
}

/**
 * A stable text key of a state, for merging equal states: its JSON with every Map written as its
 * list of entries. The Maps are fields of the state itself (regions, vars, data), so only those are
 * converted, rather than every value going through a replacer (explore.test.ts checks the two
 * agree).
 */
export function stateKey(state: ModelState): string {
  const fields = state as unknown as Readonly<Record<string, unknown>>;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    plain[key] = value instanceof Map ? [...value] : value;
  }
  return JSON.stringify(plain);
}

/** Explores `calls` from `initial`, keeping at most `limit` distinct states between steps. */
export function explore(world: World, initial: ModelState, calls: readonly Call[], limit = 64): readonly ExploredStep[] {
  let frontier: ModelState[] = [initial];
  const steps: ExploredStep[] = [];
  for (const call of calls) {
    const outcomes: Outcome[] = [];
    const broken: string[] = [];
    let unsupported: string | undefined;
    for (const state of frontier) {
      const result = step(state, call, world);
      if (result.kind === 'unsupported') { unsupported = result.reason; continue; }
      for (const o of result.outcomes) {
        outcomes.push(o);
        broken.push(...checkInvariants(state, call, o, world));
      }
    }
    const next = new Map<string, ModelState>();
    for (const o of outcomes) next.set(stateKey(o.next), o.next);
    const all = [...next.values()];
    frontier = all.slice(0, limit);
    steps.push({ call, outcomes, broken, dropped: all.length - frontier.length, ...(unsupported === undefined ? {} : { unsupported }) });
    if (frontier.length === 0) break;
  }
  return steps;
}
