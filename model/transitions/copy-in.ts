/**
 * `copy-in`: the caller writes some content into a region it mapped.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { undefinedBehaviour } from '../outcome/build.js';
import { contentBytes } from './lib/image.js';
import { memoryCites, stored, target, touched } from './lib/memory.js';

/**
 * Writes `call.content` at `call.offset` (default 0): the region now holds that content there, and
 * a private file mapping is no longer virgin (dlmem.source.virgin). Writing to a source after dlmem
 * returned is allowed (dlmem.source.release-after); what the object then shows of a shared source
 * is dlmem.source.shared-later-writes' question, asked when it is read. A write that does
 * not fit inside the region is the caller's own buffer overflow: undefined behaviour.
 */
export const copyIn: Transition<CallOf<'copy-in'>> = (state, call, world) => {
  const cites = memoryCites(world, ['dlmem.source.virgin', 'dlmem.source.release-after']);
  const found = target(state, call.region, cites, 'copy-in');
  if ('outcomes' in found) return found.outcomes;
  const offset = call.offset ?? 0;
  if (offset < 0 || offset + contentBytes(world, call.content) > found.region.length) {
    return [undefinedBehaviour(state, cites, `copy-in writes outside region '${call.region}'`)];
  }
  return stored(state, touched(found.region, { content: call.content, contentAt: offset }), cites);
};
