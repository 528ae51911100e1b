/**
 * Command sequences generated from the model's current state: a list of choice numbers walks the
 * explorer's alphabet (model/explore/alphabet.ts), each number picking one of the letters enabled
 * in the state the model reached so far. Shrinking the numbers (fewer, smaller) shrinks the
 * sequence, and every sequence it gives is one the model can run: a letter that leads only to
 * undefined behaviour, or whose call the profile or the loader lacks, is passed over.
 *
 * @module
 */
import { type Bounds, DEFAULT_BOUNDS, alphabet } from '../../model/explore/alphabet.js';
import { type Letter, endsLetter } from '../../model/explore/letters.js';
import { initialState } from '../../model/state/initial.js';
import { step } from '../../model/step.js';
import type { Call } from '../../model/types/calls.js';
import type { Outcome } from '../../model/types/outcome.js';
import type { ModelState } from '../../model/types/state.js';
import type { World } from '../../model/world/world.js';

/** A generated sequence. */
export interface Sequence {
  /** The letters taken, by label. */
  readonly letters: readonly string[];
  /** The calls, in order: a case's steps. */
  readonly steps: readonly Call[];
}

/** The outcome generation follows: a normative or implementation-defined one first, never an undefined one. */
function followed(outcomes: readonly Outcome[]): Outcome | undefined {
  return outcomes.find((o) => o.firmness === 'specified' || o.firmness === 'implementation-defined')
    ?? outcomes.find((o) => o.firmness !== 'undefined');
}

/** The calls of `letter` the model runs from `state` and the state after them, or undefined to pass it over. */
function take(world: World, state: ModelState, letter: Letter): { readonly calls: readonly Call[]; readonly state: ModelState } | undefined {
  let current = state;
  const calls: Call[] = [];
  for (const call of letter.calls) {
    const result = step(current, call, world);
    if (result.kind === 'unsupported') return undefined;
    const o = followed(result.outcomes);
    if (o === undefined) return undefined;
    calls.push(call);
    current = o.next;
    if (endsLetter(o)) break;
  }
  return { calls, state: current };
}

/**
 * The sequence `choices` pick in `world`, over the letters `allow` keeps (those whose calls the
 * loader has). Each choice picks among the enabled letters modulo their number; a letter passed
 * over moves on to the next one, so that every choice adds a letter when any can be added.
 */
export function sequenceOf(world: World, choices: readonly number[], allow: (call: Call) => boolean, bounds: Bounds = DEFAULT_BOUNDS): Sequence {
  let state = initialState();
  const letters: string[] = [];
  const steps: Call[] = [];
  for (const choice of choices) {
    const enabled = alphabet(world, state, bounds).filter((l) => l.calls.every(allow));
    for (let k = 0; k < enabled.length; k++) {
      const letter = enabled[(choice + k) % enabled.length] as Letter;
      const taken = take(world, state, letter);
      if (taken === undefined) continue;
      letters.push(letter.label);
      steps.push(...taken.calls);
      state = taken.state;
      break;
    }
  }
  return { letters, steps };
}
