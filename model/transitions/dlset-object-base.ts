/**
 * dlset_object_base(handle, base).
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { BufferRef, CallOf } from '../types/calls.js';
import type { Outcome, Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { failure, specified, undefinedBehaviour } from '../outcome/build.js';
import { objectAt, updateObject } from '../state/objects.js';
import { resolveHandle } from './lib/handle.js';
import { FIRM, type Route, along, finish, qualify } from './lib/result.js';
import { afterFailure } from './lib/trigger.js';

type SetBase = CallOf<'dlset-object-base'>;

const MINUS_ONE = { kind: 'int', value: -1 } as const;

/**
 * Argument validation: a live handle (base.dlclose.bad-handle). Whether the caller's copy is at
 * `base` matters only when the object is relocated (noreloc.setbase.caller-copy), so it is checked
 * then; a base in a region the script never named is a script error.
 */
function checks(state: ModelState, call: SetBase): Outcome | number {
  const handle = resolveHandle(state, call.handle, 'dlset_object_base');
  if (!handle.ok) return handle.outcome;
  if (call.base !== null && !state.regions.has(call.base.region)) {
    throw new Error(`script error: dlset_object_base names region '${call.base.region}', never mapped`);
  }
  return handle.id;
}

/** The base recorded: the object now lives in the caller's range; nothing runs (noreloc.setbase.no-ctors). */
function record(state: ModelState, id: number, base: BufferRef, route: Route): Outcomes {
  if ((base.offset ?? 0) !== 0) {
    return [qualify(undefinedBehaviour(state, ['noreloc.setbase.caller-copy'],
      'copy-object copies to the start of a region: a base inside it cannot hold the copy'), route)];
  }
  const next = updateObject(state, id, { placement: { kind: 'moved', region: base.region }, backing: 'caller-copy' });
  const cites: ClauseId[] = ['noreloc.setbase.records', 'noreloc.setbase.no-ctors', 'noreloc.trigger.setbase-exempt',
    'noreloc.setbase.old-range'];
  return [qualify(specified(next, { kind: 'int', value: 0 }, cites), route)];
}

/** An unspecified spot: the call may fail (-1) or go on along the returned route. */
function eitherWay(state: ModelState, cite: ClauseId, gap: string, errno: 'EINVAL' | 'unspecified', route: Route): { failed: Outcome; route: Route } {
  const next = along(route, 'unspecified', [cite], gap);
  return { failed: qualify(failure(state, MINUS_ONE, errno, [cite], 'unspecified', gap), next), route: next };
}

/** An unrelocated object: NULL, misaligned and second bases are open; otherwise the base is recorded. */
function unrelocated(state: ModelState, world: World, id: number, base: BufferRef | null): Outcomes {
  if (base === null) {
    const gap = 'base == NULL may be rejected or taken as an address, where no copy can be';
    const open = eitherWay(state, 'noreloc.setbase.null', gap, 'unspecified', FIRM);
    return [open.failed, qualify(undefinedBehaviour(state, ['noreloc.setbase.caller-copy'], gap), open.route)];
  }
  const outcomes: Outcome[] = [];
  let route = FIRM;
  const region = state.regions.get(base.region);
  if (region?.aligned !== true || (base.offset ?? 0) % world.pageSize !== 0) {
    const open = eitherWay(state, 'noreloc.setbase.misaligned', 'a base that is not a multiple of map_align may be rejected or accepted', 'EINVAL', route);
    outcomes.push(open.failed);
    route = open.route;
  }
  if (objectAt(state, id).placement.kind === 'moved') {
    const open = eitherWay(state, 'noreloc.setbase.twice', 'a second dlset_object_base before relocation may replace the first base or fail', 'unspecified', route);
    outcomes.push(open.failed);
    route = open.route;
  }
  return [...outcomes, ...record(state, id, base, route)];
}

/** The call on a live handle, by the object's relocation state. */
function core(state: ModelState, call: SetBase, world: World, id: number): Outcomes {
  const status = objectAt(state, id).status;
  if (status === 'relocated') {
    // The 13 April text says only that an error is returned; the branch returns -1.
    const branch = world.profile.has('noreloc.setbase.relocated-branch');
    return [failure(state, branch ? MINUS_ONE : { kind: 'nonzero' }, 'unspecified', [branch ? 'noreloc.setbase.relocated-branch' : 'noreloc.setbase.relocated'])];
  }
  if (status === 'failed') {
    return afterFailure(state, world, id, MINUS_ONE, 'dlset_object_base', (s) => unrelocated(s, world, id, call.base), false);
  }
  return unrelocated(state, world, id, call.base);
}

/**
 * dlset_object_base (dlset_object_baseaddr in norelocate-v2): on an unrelocated object, returns 0 and records `base` as
 * the start of its extent, running nothing (noreloc.setbase.records, noreloc.setbase.no-ctors,
 * noreloc.trigger.setbase-exempt); the caller's copy must be at `base` before the relocation
 * (noreloc.setbase.caller-copy, checked when the relocation happens). On a relocated object, an
 * error (noreloc.setbase.relocated), -1 on the branch (noreloc.setbase.relocated-branch). NULL, misaligned and repeated bases are open
 * (noreloc.setbase.null, noreloc.setbase.misaligned, noreloc.setbase.twice).
 */
export const dlsetObjectBase: Transition<CallOf<'dlset-object-base'>> = (state, call, world) => {
  const checked = checks(state, call);
  const outcomes = typeof checked === 'number' ? core(state, call, world, checked) : [checked];
  return outcomes.map((o) => finish(o, undefined));
};
