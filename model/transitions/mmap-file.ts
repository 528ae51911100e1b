/**
 * `mmap-file`: the caller maps a file (a fixture image, a container holding one, or junk) from a
 * byte offset, private or shared.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { contentBytes } from './lib/image.js';
import { makeRegion, memoryCites, stored } from './lib/memory.js';

/**
 * Maps `call.file` from `call.offset` (default 0) under the name `call.as`. The region covers the
 * file from the offset to its end (lengths per lib/image.ts) and keeps the file's content with
 * `contentAt = -offset`. A private mapping starts virgin: the source dlmem.source.virgin supports,
 * and the one dlmem.place.zero-copy can map file pages from; a shared one is the source
 * dlmem.source.shared supports.
 */
export const mmapFile: Transition<CallOf<'mmap-file'>> = (state, call, world) => {
  const offset = call.offset ?? 0;
  const region = makeRegion(call.as, {
    kind: call.shared ? 'file-shared' : 'file-private',
    length: Math.max(0, contentBytes(world, call.file) - offset),
    content: call.file, contentAt: offset === 0 ? 0 : -offset, prot: call.prot,
  });
  const cites: readonly ClauseId[] = call.shared
    ? ['dlmem.source.shared']
    : ['dlmem.source.virgin', 'dlmem.place.zero-copy'];
  return stored(state, region, memoryCites(world, cites));
};
