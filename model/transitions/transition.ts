/**
 * The shape every transition has: a pure function from a state, one call and the world to the
 * outcomes the spec allows.
 *
 * @module
 */
import type { Call } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';

/** A transition for the calls of type `C`. */
export type Transition<C extends Call> = (state: ModelState, call: C, world: World) => Outcomes;
