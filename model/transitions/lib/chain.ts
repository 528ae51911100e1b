/**
 * Test helpers for the dl* transitions: run a call through the dispatcher with every outcome
 * checked against the model's invariants, pick the outcome a test follows, and replay a script
 * as a chain of steps.
 *
 * @module
 */
import type { Call, Mode } from '../../types/calls.js';
import type { Outcome, Outcomes } from '../../types/outcome.js';
import type { ModelState, Region } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { checkInvariants } from '../../invariants/invariants.js';
import { initialState } from '../../state/initial.js';
import { withRegion } from '../../state/vars.js';
import { step } from '../../step.js';

/** RTLD_NOW. */
export const NOW: Mode = { flags: ['RTLD_NOW'] };
/** RTLD_NOW | RTLD_NORELOCATE. */
export const DEFER: Mode = { flags: ['RTLD_NOW', 'RTLD_NORELOCATE'] };

/** All outcomes of `call` from `state`; throws when the call is unsupported or an invariant breaks. */
export function outcomesOf(world: World, state: ModelState, call: Call): Outcomes {
  const result = step(state, call, world);
  if (result.kind === 'unsupported') throw new Error(result.reason);
  if (result.outcomes.length === 0) throw new Error(`${call.type} allowed no outcome`);
  for (const o of result.outcomes) {
    const broken = checkInvariants(state, call, o, world);
    if (broken.length > 0) throw new Error(`${call.type}: ${broken.join('; ')}`);
  }
  return result.outcomes;
}

/**
 * The default pick: every outcome, except that where a loader may keep an object at refcount zero
 * (base.dlclose.unload), the outcome that unloads it, as glibc does; and RTLD_DI_DEPLIST's handles
 * carrying no open counts of their own (noreloc.deplist.refcount).
 */
export function unloads(o: Outcome): boolean {
  if (o.cites.includes('noreloc.deplist.refcount')) return false; // the handles hold no counts of their own
  return !o.cites.includes('base.dlclose.unload') || o.effects.some((e) => e.kind === 'unmapped');
}

/** The one outcome satisfying `pick` (default: the only outcome); throws unless exactly one does. */
export function one(outcomes: Outcomes, pick: (o: Outcome) => boolean = unloads): Outcome {
  const picked = outcomes.filter(pick);
  // Where a pick is ambiguous only through the default alternatives, take the default reading.
  const hits = picked.length > 1 && picked.some(unloads) ? picked.filter(unloads) : picked;
  if (hits.length !== 1) {
    throw new Error(`expected one matching outcome, got ${hits.length} of: ${outcomes.map((o) => `${o.ret.kind}/${o.firmness}[${o.cites.join(',')}]`).join(' | ')}`);
  }
  return hits[0] as Outcome;
}

/** One step of a chain: the call and, when it allows several outcomes, which one to follow. */
export interface ChainStep {
  /** The call. */
  readonly call: Call;
  /** Chooses the outcome to follow; default: the call must allow exactly one. */
  readonly pick?: (o: Outcome) => boolean;
}

/** Replays `steps` from `state` (default: the initial state), returning the outcome of each step. */
export function chain(world: World, steps: readonly ChainStep[], state: ModelState = initialState()): readonly Outcome[] {
  const taken: Outcome[] = [];
  let current = state;
  for (const s of steps) {
    const o = one(outcomesOf(world, current, s.call), s.pick);
    taken.push(o);
    current = o.next;
  }
  return taken;
}

/** The state after replaying `steps`. */
export function stateAfter(world: World, steps: readonly (Call | ChainStep)[], state: ModelState = initialState()): ModelState {
  const normal = steps.map((s) => ('call' in s ? s : { call: s }));
  const taken = chain(world, normal, state);
  return taken.length === 0 ? state : (taken[taken.length - 1] as Outcome).next;
}

/** A caller region mapped read-write, private and anonymous, `length` bytes long. */
export function rwRegion(state: ModelState, id: string, length: number, aligned = true): ModelState {
  const prot = { r: true, w: true, x: false };
  const region: Region = {
    id, kind: 'anon-private', length, content: null, contentAt: 0, aligned, prot,
    virgin: false, mapped: true, below4g: true,
  };
  return withRegion(state, region);
}

/** The number of times object `id`'s constructor has run in `state`. */
export function ctorCount(state: ModelState, id: number): number {
  return state.events.filter((e) => e.kind === 'ctor' && e.object === id).length;
}
