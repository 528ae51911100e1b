/**
 * `mprotect`: the caller changes the protections of a region it mapped.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Transition } from './transition.js';
import { memoryCites, stored, target, touched } from './lib/memory.js';

/**
 * Sets the region's protections. Any mprotect, even to the protections it has, ends a private
 * file mapping's virginity (dlmem.source.virgin). A region the caller made unreadable cannot be a dlmem source: dlmem.args.size-beyond-buffer
 * requires every byte to be readable.
 */
export const mprotect: Transition<CallOf<'mprotect'>> = (state, call, world) => {
  const cites = memoryCites(world, ['dlmem.source.virgin', 'dlmem.args.size-beyond-buffer']);
  const found = target(state, call.region, cites, 'mprotect');
  if ('outcomes' in found) return found.outcomes;
  return stored(state, touched(found.region, { prot: call.prot }, false), cites);
};
