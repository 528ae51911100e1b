/**
 * `malloc`: the caller copies some content into heap memory, optionally at an address that is
 * not page-aligned.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { contentBytes } from './lib/image.js';
import { anonPrivateCite, makeRegion, memoryCites, stored } from './lib/memory.js';

/**
 * A heap buffer holding `call.content` from its first byte. It starts page-aligned unless
 * `misalign` is not a multiple of the page size. Heap memory is a private anonymous source
 * (dlmem.source.anon-private in v9, dlmem.source.anon-private-branch on the branch, where
 * DLMEM_GENBUF_SRC makes it supported: dlmem.source.genbuf-any); a misaligned start is what
 * dlmem.args.unaligned-buffer rejects and, on the branch, dlmem.args.unaligned-genbuf accepts.
 */
export const malloc: Transition<CallOf<'malloc'>> = (state, call, world) => {
  const aligned = (call.misalign ?? 0) % world.pageSize === 0;
  const region = makeRegion(call.as, {
    kind: 'heap', length: contentBytes(world, call.content), content: call.content, aligned,
    prot: { r: true, w: true, x: false },
  });
  const cites: ClauseId[] = [anonPrivateCite(world), 'dlmem.source.genbuf-any'];
  if (!aligned) cites.push('dlmem.args.unaligned-buffer', 'dlmem.args.unaligned-genbuf');
  return stored(state, region, memoryCites(world, cites));
};
