/**
 * `dlopen-with-offset`: dlmem of an image embedded in a container file, as the caller code of
 * dlopen-offset.def.aligned and dlopen-offset.def.unaligned defines.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { unspecified } from '../outcome/build.js';
import { imageBytes } from './lib/image.js';
import type { RegionSpec } from './lib/memory.js';
import { finish } from './lib/result.js';
import { viaDlmem } from './lib/via-dlmem.js';

/**
 * dlopen_with_offset(file, offset, length, mode), where the file is a container holding fixture
 * `call.container` at byte `call.offset` and nothing after it (`length: 'image'` is the image's
 * length). A page-aligned offset maps `length` bytes of the file private and read-only from
 * there (dlopen-offset.def.aligned); any other offset copies them into anonymous MAP_SHARED memory
 * (dlopen-offset.def.unaligned), a source dlmem supports (dlmem.source.shared). Then
 * dlmem(addr, length, mode, NULL); the container's other bytes play no part
 * (dlopen-offset.def.container). A range past the end of the file is rejected with NULL before
 * dlmem by dlspec's copy of the code (dlopen-offset.def.past-eof).
 */
export const dlopenWithOffset: Transition<CallOf<'dlopen-with-offset'>> = (state, call, world) => {
  const image = imageBytes(world, call.container);
  // 'rest' is the earlier three-argument form: everything from `offset` to the end of the file.
  const length = call.length === 'image' || call.length === 'rest' ? image : call.length;
  if (call.offset < 0 || length > image) {
    return [finish(unspecified(state, { kind: 'null' }, ['dlopen-offset.def.past-eof'],
      'offset + length runs past the end of the file; the thread\'s code does not check'), call.as)];
  }
  const aligned = call.offset % world.pageSize === 0;
  const source: RegionSpec = aligned
    ? {
      kind: 'file-private', length, content: { container: call.container, at: call.offset },
      contentAt: call.offset === 0 ? 0 : -call.offset, prot: { r: true, w: false, x: false },
    }
    : { kind: 'anon-shared', length, content: { image: call.container }, prot: { r: true, w: true, x: false } };
  const cites: ClauseId[] = [aligned ? 'dlopen-offset.def.aligned' : 'dlopen-offset.def.unaligned',
    'dlopen-offset.def.container', ...(call.length === 'rest' ? ['dlopen-offset.def.three-argument'] as const : [])];
  return viaDlmem(state, world, call.as, source, length, call.mode, cites, []);
};
