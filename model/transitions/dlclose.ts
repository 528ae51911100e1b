/**
 * dlclose(handle).
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { release } from '../loader/lifecycle.js';
import { isOpen, objectAt, updateObject } from '../state/objects.js';
import { undefinedBehaviour } from '../outcome/build.js';
import { resolveHandle } from './lib/handle.js';
import { FIRM, along, finish } from './lib/result.js';
import { relocation } from './lib/trigger.js';
import { closed, closedWith } from './lib/unload.js';

type Dlclose = CallOf<'dlclose'>;

/** Argument validation: closing a handle already closed to zero, or no handle, is undefined (base.dlclose.bad-handle). */
function checks(state: ModelState, call: Dlclose): Outcomes | number {
  const handle = resolveHandle(state, call.handle, 'dlclose');
  if (!handle.ok) return [handle.outcome];
  // Closed to zero opens while a dependent still holds the object: the handle is closed already.
  if (!isOpen(objectAt(state, handle.id))) {
    return [undefinedBehaviour(state, ['base.dlclose.bad-handle'], `dlclose on '${call.handle}', whose opens were all closed already`)];
  }
  return handle.id;
}

/** release() as if the object had no RTLD_NODELETE: the "not kept" reading of noreloc.defer.nodelete. */
function releaseDeleting(state: ModelState, world: World, id: number): ReturnType<typeof release> {
  const mode = objectAt(state, id).mode;
  const dropped = updateObject(state, id, { mode: { ...mode, flags: mode.flags.filter((f) => f !== 'RTLD_NODELETE') } });
  const done = release(dropped, world, id);
  return { ...done, state: updateObject(done.state, id, { mode }) };
}

/**
 * dlclose of an unrelocated object (noreloc.close.unrelocated): it is relocated first, running its
 * constructors (and at zero its destructors), or it is released running neither. With
 * RTLD_NODELETE, whether the unrelocated object stays is noreloc.defer.nodelete's question.
 */
function closeUnrelocated(state: ModelState, world: World, id: number): Outcomes {
  const cite: ClauseId = 'noreloc.close.unrelocated';
  const gap = 'dlclose of an object never relocated: whether it relocates it first (constructors, then destructors) or releases it running neither is not said';
  const route = along(FIRM, 'unspecified', [cite], gap);
  const done = relocation(state, world, id, [cite]);
  const first = 'ub' in done ? [done.ub]
    : done.branches.flatMap((b) => closed(world, release(b.state, world, id), along(route, b.firmness, b.cites, b.gap))
      .map((o) => ({ ...o, effects: [...b.effects, ...o.effects] })));
  const object = objectAt(state, id);
  const neither = closed(world, release(state, world, id), route);
  if (!object.mode.flags.includes('RTLD_NODELETE') || object.refs > 1 || !world.profile.has('noreloc.defer.nodelete')) {
    return [...first, ...neither];
  }
  const nodelete = along(route, 'unspecified', ['noreloc.defer.nodelete'],
    'with RTLD_NODELETE, whether dlclose of the still unrelocated object keeps it loaded is not said');
  return [...first, ...closed(world, release(state, world, id), nodelete), ...closed(world, releaseDeleting(state, world, id), nodelete)];
}

/** The close: drop one reference; at zero run destructors and unmap, per the object's state. */
function core(state: ModelState, world: World, id: number): Outcomes {
  const object = objectAt(state, id);
  if (object.status === 'unrelocated') return closeUnrelocated(state, world, id);
  if (object.status === 'failed') {
    if (world.profile.has('noreloc.close.after-failure')) return closedWith(world, release(state, world, id), ['noreloc.close.after-failure']);
    return closed(world, release(state, world, id), along(FIRM, 'unspecified', ['noreloc.dlrelocate.v1-failure'],
      'the first form does not say what dlclose does after a failed relocation'));
  }
  return unloadOrKeep(state, world, id);
}

/**
 * The ordinary close (base.dlclose.refcount). When the count reaches zero and the object is
 * unloaded, a loader may instead keep it for the life of the process (base.dlclose.unload): two
 * implementation-defined outcomes.
 */
function unloadOrKeep(state: ModelState, world: World, id: number): Outcomes {
  const released = release(state, world, id);
  if (!released.effects.some((e) => e.kind === 'unmapped')) return closedWith(world, released, ['base.dlclose.refcount']);
  const unloaded = closed(world, released, along(FIRM, 'implementation-defined', ['base.dlclose.refcount', 'base.dlclose.unload']));
  const kept = closed(world, { state: updateObject(state, id, { refs: 0 }), effects: [] },
    along(FIRM, 'implementation-defined', ['base.dlclose.refcount', 'base.dlclose.unload']));
  return [...unloaded, ...kept];
}

/**
 * dlclose: returns 0 and drops one reference; at zero, unless something else holds the object,
 * its destructors run and it is unmapped with the dependencies nothing else holds
 * (base.dlclose.refcount). A handle whose relocation failed unloads running none of the object's
 * constructors or destructors (noreloc.close.after-failure); an unrelocated one is
 * noreloc.close.unrelocated's open choice. The fate of the caller memory an unloaded object was
 * placed in is open (dlmem.close.premap-mapping, noreloc.setbase.new-range-owner).
 */
export const dlclose: Transition<CallOf<'dlclose'>> = (state, call, world) => {
  const checked = checks(state, call);
  return (typeof checked === 'number' ? core(state, world, checked) : checked).map((o) => finish(o, undefined));
};
