/**
 * `memmove`: the caller moves the bytes of a region within it.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { undefinedBehaviour } from '../outcome/build.js';
import { memoryCites, stored, target, touched } from './lib/memory.js';

/**
 * Moves the region's bytes by `call.shift` bytes (positive: towards the end), so its content now
 * starts `shift` bytes later; bytes pushed past either end are lost. A private file mapping is no
 * longer virgin (dlmem.source.virgin). A shift as long as the region or longer moves nothing
 * inside it and writes outside it: undefined behaviour.
 */
export const memmove: Transition<CallOf<'memmove'>> = (state, call, world) => {
  const cites = memoryCites(world, ['dlmem.source.virgin']);
  const found = target(state, call.region, cites, 'memmove');
  if ('outcomes' in found) return found.outcomes;
  if (Math.abs(call.shift) >= found.region.length) {
    return [undefinedBehaviour(state, cites, `memmove by ${call.shift} writes outside region '${call.region}'`)];
  }
  return stored(state, touched(found.region, { contentAt: found.region.contentAt + call.shift }), cites);
};
