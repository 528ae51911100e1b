/**
 * The caller copying an unrelocated object's image (the map_length bytes at map_start that
 * RTLD_DI_MAPINFO reports) into a region it mapped: the move tst-noreloc makes before
 * dlset_object_base.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Outcome, Outcomes } from '../types/outcome.js';
import type { ModelState, Region } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { specified, undefinedBehaviour, unspecified } from '../outcome/build.js';
import { objectAt } from '../state/objects.js';
import { withRegion } from '../state/vars.js';
import { resolveHandle } from './lib/handle.js';
import { factsOf, imageExtent } from './lib/image.js';
import { predictLayout } from '../layout/index.js';
import { target } from './lib/memory.js';
import { finish } from './lib/result.js';

type CopyObject = CallOf<'copy-object'>;

/**
 * Argument validation: a live handle (base.dlclose.bad-handle) and a mapped, writable region at
 * least as long as the object's extent (a system library's the model does not know, and does not
 * check); writing anywhere else is the caller breaking noreloc.setbase.caller-copy.
 */
function checks(state: ModelState, call: CopyObject, world: World): Outcome | { readonly id: number; readonly region: Region } {
  const handle = resolveHandle(state, call.handle, 'copy-object');
  if (!handle.ok) return handle.outcome;
  const found = target(state, call.to, ['noreloc.setbase.caller-copy'], 'copy-object');
  if ('outcomes' in found) return found.outcomes[0] as Outcome;
  const object = objectAt(state, handle.id);
  const length = object.system ? 0 : imageExtent(world, object.image).length;
  if (!found.region.prot.w || found.region.length < length) {
    return undefinedBehaviour(state, ['noreloc.setbase.caller-copy'],
      `copy-object writes ${length} bytes into '${call.to}', which is ${found.region.prot.w ? `only ${found.region.length} bytes long` : 'not writable'}`);
  }
  return { id: handle.id, region: found.region };
}

/** Whether the object's extent has gaps between segments (noreloc.defer.gaps-readable). */
function hasGaps(state: ModelState, id: number, world: World): boolean {
  const object = objectAt(state, id);
  if (object.system) return false;
  const facts = factsOf(world, object.image);
  return facts.elf.ok && predictLayout(facts.elf.elf, world.pageSize).some((entry) => entry.kind === 'gap');
}

/**
 * The copy: the region now holds the object's image, readable because it is unrelocated
 * (noreloc.defer.readable); where the extent has gaps, whether copying them faults is
 * noreloc.defer.gaps-readable's question.
 */
function core(state: ModelState, id: number, region: Region, world: World): Outcomes {
  const next = withRegion(state, { ...region, copyOf: id });
  if (objectAt(state, id).status === 'unrelocated') {
    if (hasGaps(state, id, world) && world.profile.has('noreloc.defer.gaps-readable')) {
      return [unspecified(next, { kind: 'any' }, ['noreloc.defer.readable', 'noreloc.defer.gaps-readable'],
        'the extent has gaps between segments; whether they can be read is not said', { error: { kind: 'any' } })];
    }
    return [specified(next, { kind: 'none' }, ['noreloc.defer.readable'])];
  }
  return [unspecified(next, { kind: 'none' }, ['noreloc.defer.readable'],
    'only an unrelocated object\'s pages are promised readable; this object is not unrelocated')];
}

/**
 * copy-object (a caller action, no loader call): memcpy of the object's whole extent into `to`.
 * The model records the copy so that the relocation at a base set by dlset_object_base can check
 * noreloc.setbase.caller-copy. The pages are readable while the object is unrelocated
 * (noreloc.defer.readable).
 */
export const copyObject: Transition<CallOf<'copy-object'>> = (state, call, world) => {
  const checked = checks(state, call, world);
  const outcomes = 'id' in checked ? core(state, checked.id, checked.region, world) : [checked];
  return outcomes.map((o) => finish(o, undefined));
};
