/**
 * `mmap-anon`: the caller maps anonymous memory, private or shared, optionally below 4 GiB.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { imageBytes, imageExtent } from './lib/image.js';
import { anonPrivateCite, makeRegion, memoryCites, stored } from './lib/memory.js';

/**
 * Maps `call.length` bytes of zeros; `length: 'image'` is the length of fixture `call.image`, and
 * `length: 'extent'` the length of its extent once loaded (what a move copies) (a
 * script that gives neither is malformed). The content is none until a `copy-in`. A shared
 * mapping is a source dlmem.source.shared supports; a private one is the private anonymous source
 * of dlmem.source.anon-private (v9) or dlmem.source.anon-private-branch, which
 * DLMEM_GENBUF_SRC makes a supported one on the branch (dlmem.source.genbuf-any).
 */
export const mmapAnon: Transition<CallOf<'mmap-anon'>> = (state, call, world) => {
  const length = call.length === 'image' ? imageBytes(world, imageOf(call))
    : call.length === 'extent' ? imageExtent(world, imageOf(call)).length : call.length;
  const region = makeRegion(call.as, {
    kind: call.shared ? 'anon-shared' : 'anon-private', length, content: null, prot: call.prot,
    below4g: call.below4g ?? false,
  });
  const cites: readonly ClauseId[] = call.shared
    ? ['dlmem.source.shared']
    : [anonPrivateCite(world), 'dlmem.source.genbuf-any'];
  return stored(state, region, memoryCites(world, cites));
};

function imageOf(call: CallOf<'mmap-anon'>): string {
  if (call.image === undefined) throw new Error(`script error: mmap-anon '${call.as}' has length 'image' but no image`);
  return call.image;
}
