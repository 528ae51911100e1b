/**
 * `memfd`: the caller creates a memfd holding some content and maps it MAP_SHARED.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { contentBytes } from './lib/image.js';
import { makeRegion, memoryCites, stored } from './lib/memory.js';

/**
 * Maps a memfd holding `call.content` shared, under `call.as`: a MAP_SHARED source, which
 * dlmem supports without DLMEM_GENBUF_SRC (dlmem.source.shared).
 */
export const memfd: Transition<CallOf<'memfd'>> = (state, call, world) => {
  const region = makeRegion(call.as, {
    kind: 'memfd-shared', length: contentBytes(world, call.content), content: call.content, prot: call.prot,
  });
  return stored(state, region, memoryCites(world, ['dlmem.source.shared']));
};
