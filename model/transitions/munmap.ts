/**
 * `munmap`: the caller unmaps a region.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { specified, undefinedBehaviour } from '../outcome/build.js';
import { updateObject } from '../state/objects.js';
import { memoryCites, stored } from './lib/memory.js';

/**
 * Unmaps the region: it stays in the state with `mapped: false`, and the effect records it. The
 * caller may do this to a dlmem source as soon as dlmem has returned (dlmem.source.release-after);
 * dlclose will never touch it again (dlmem.close.source-untouched). Unmapping a region that is
 * already unmapped changes nothing, as munmap of an unmapped range succeeds; naming a region that
 * was never mapped is undefined behaviour.
 */
export const munmap: Transition<CallOf<'munmap'>> = (state, call, world) => {
  const cites = memoryCites(world, ['dlmem.source.release-after', 'dlmem.close.source-untouched']);
  const region = state.regions.get(call.region);
  const info = state.vars.get(call.region);
  if (region === undefined && info?.kind === 'mapinfo') {
    // The old range RTLD_DI_MAPINFO reported for an object dlset_object_base has since moved: the
    // caller may unmap it, and the loader never uses it again (noreloc.setbase.old-range).
    const placement = state.objects[info.object]?.placement;
    if (placement?.kind !== 'moved') {
      return [undefinedBehaviour(state, ['noreloc.setbase.old-range'], `munmap of the range of object ${info.object}, which dlset_object_base did not move`)];
    }
    return [specified(updateObject(state, info.object, { placement: { ...placement, oldReleased: true } }), { kind: 'none' }, ['noreloc.setbase.old-range'])];
  }
  if (region === undefined) {
    return [undefinedBehaviour(state, cites, `munmap names region '${call.region}', which the script never mapped`)];
  }
  if (!region.mapped) return [specified(state, { kind: 'none' }, cites)];
  return stored(state, { ...region, mapped: false }, cites, [{ kind: 'region-unmapped', region: call.region }]);
};
