/**
 * dlopen (or dlmopen) of an object already loaded in the namespace: the same handle, one more
 * open count (base.dlopen.dedup), and what the RTLD_NORELOCATE chapter says about its relocation
 * (noreloc.reopen.*).
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Outcome, Outcomes } from '../../types/outcome.js';
import type { ModelState } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { toOutcome } from '../../loader/branch.js';
import { failure, specified } from '../../outcome/build.js';
import { objectAt, updateObject } from '../../state/objects.js';
import { FIRM, along, qualify } from './result.js';
import { afterFailure, preceded, relocation, routeOf } from './trigger.js';

/** How an object is being opened again. */
export interface Reopen {
  /** The object already loaded. */
  readonly id: number;
  /** RTLD_NORELOCATE is in the mode and the profile defines it. */
  readonly deferred: boolean;
  /** RTLD_NOLOAD is in the mode. */
  readonly noload: boolean;
}

/** The handle outcome of a reopen from `state`: open count incremented. */
function handle(state: ModelState, id: number, cites: readonly ClauseId[]): Outcome {
  const object = objectAt(state, id);
  const next = updateObject(state, id, { refs: object.refs + 1, ...(object.via === 'dependency' ? { opened: true as const } : {}) });
  return specified(next, { kind: 'handle', object: id }, cites, { value: { kind: 'handle', object: id } });
}

/** The clause a profile gives for `id` when it is in force, else `fallback`. */
function inForce(world: World, id: ClauseId, fallback: readonly ClauseId[]): readonly ClauseId[] {
  return world.profile.has(id) ? [id] : fallback;
}

/**
 * The outcomes of opening `reopen.id` again. A relocated object is returned as it is (with the
 * bit: noreloc.reopen.already-relocated). An unrelocated one stays so with the bit
 * (noreloc.reopen.deferred-again) and is relocated now without it (noreloc.reopen.plain; in the
 * first form base.dlopen.ctors-before-return, which promises a relocated object to every plain
 * dlopen that returns a handle). A failed one is in noreloc.dlrelocate.after-failure's silence.
 */
export function reopen(state: ModelState, world: World, reopen: Reopen): Outcomes {
  const { id, deferred, noload } = reopen;
  const object = objectAt(state, id);
  // Found where a dlmem call put it: that it is there rests on dlmem's nsid as well.
  const base: ClauseId[] = ['base.dlopen.dedup', ...(noload ? ['base.dlopen.noload' as const] : []), ...(object.nsBy === undefined ? [] : [object.nsBy])];
  if (object.status === 'closed') throw new Error(`model bug: reopen of closed object ${id}`);
  if (object.status === 'relocated') {
    if (!deferred || !world.profile.has('noreloc.reopen.already-relocated')) return [handle(state, id, base)];
    // With the bit, on an object already relocated: its handle with nothing deferred, or a failure
    // because the bit cannot be honoured; the thread does not say (noreloc.reopen.already-relocated).
    const gap = 'whether dlopen with RTLD_NORELOCATE of an object already relocated returns it or fails is not said';
    const cites: ClauseId[] = [...base, 'noreloc.reopen.already-relocated'];
    const given = handle(state, id, cites);
    return [{ ...given, firmness: 'unspecified', gap },
      { ...failure(state, { kind: 'null' }, 'unspecified', cites, 'unspecified', gap), value: { kind: 'null' } }];
  }
  if (object.status === 'failed') {
    return afterFailure(state, world, id, { kind: 'null' }, 'dlopen', (s) => [handle(s, id, base)], !deferred);
  }
  if (deferred) {
    return [handle(state, id, [...base, ...inForce(world, 'noreloc.reopen.deferred-again', ['noreloc.defer.ctors'])])];
  }
  const cites = inForce(world, 'noreloc.reopen.plain', ['base.dlopen.ctors-before-return']);
  const done = relocation(state, world, id, cites);
  if ('ub' in done) return [done.ub];
  const gap = 'a plain reopen whose deferred relocation fails: the state the object is left in is not said';
  return done.branches.flatMap((b) => {
    if (b.ok) return preceded([handle(b.state, id, base)], b.effects, routeOf(b));
    const failed = toOutcome(b, [], { kind: 'null' }, () => { throw new Error('model bug: failed branch'); });
    return [qualify(failed, along(FIRM, 'unspecified', ['noreloc.dlrelocate.failure-state'], gap))];
  });
}
