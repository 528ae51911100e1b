/**
 * The dispatcher: one transition per call type, chosen through a mapped type so that a call
 * added to the union does not compile until its transition exists.
 *
 * @module
 */
import type { Call, CallOf, CallType } from './types/calls.js';
import type { Outcomes } from './types/outcome.js';
import type { ModelState } from './types/state.js';
import type { World } from './world/world.js';
import type { Transition } from './transitions/transition.js';
import { copyIn } from './transitions/copy-in.js';
import { copyObject } from './transitions/copy-object.js';
import { call as callFunction } from './transitions/call.js';
import { dladdr } from './transitions/dladdr.js';
import { dlclose } from './transitions/dlclose.js';
import { dlerror } from './transitions/dlerror.js';
import { dlinfo } from './transitions/dlinfo.js';
import { dlmem } from './transitions/dlmem.js';
import { dlmopen } from './transitions/dlmopen.js';
import { dlopen } from './transitions/dlopen.js';
import { dlopenWithOffset } from './transitions/dlopen-with-offset.js';
import { dlrelocate } from './transitions/dlrelocate.js';
import { dlsetObjectBase } from './transitions/dlset-object-base.js';
import { dlsym } from './transitions/dlsym.js';
import { fdlopen } from './transitions/fdlopen.js';
import { malloc } from './transitions/malloc.js';
import { memfd } from './transitions/memfd.js';
import { memmove } from './transitions/memmove.js';
import { mmapAnon } from './transitions/mmap-anon.js';
import { mmapFile } from './transitions/mmap-file.js';
import { mprotect } from './transitions/mprotect.js';
import { munmap } from './transitions/munmap.js';
import { readData } from './transitions/read-data.js';
import { writeData } from './transitions/write-data.js';

/** The transition of every call type. */
export const TRANSITIONS: { readonly [K in CallType]: Transition<CallOf<K>> } = {
  'mmap-file': mmapFile, 'mmap-anon': mmapAnon, memfd, malloc, 'copy-in': copyIn, mprotect, memmove, munmap,
  'copy-object': copyObject, dlopen, dlmopen, dlmem, fdlopen, 'dlopen-with-offset': dlopenWithOffset, dlsym,
  dladdr, dlinfo, dlrelocate, 'dlset-object-base': dlsetObjectBase, dlclose, dlerror, call: callFunction,
  'read-data': readData, 'write-data': writeData,
};

/** The calls that exist only in some profiles' proposal. */
const PROPOSAL_OF: Partial<Record<CallType, 'dlmem' | 'norelocate'>> = {
  dlmem: 'dlmem', fdlopen: 'dlmem', 'dlopen-with-offset': 'dlmem',
  dlrelocate: 'norelocate', 'dlset-object-base': 'norelocate', 'copy-object': 'norelocate',
};

/** What one step of the model gives: the allowed outcomes, or why the call has no meaning here. */
export type StepResult =
  | { readonly kind: 'outcomes'; readonly outcomes: Outcomes }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** Whether the call exists in the world's profile. */
export function supportedIn(call: Call, world: World): string | undefined {
  const proposal = PROPOSAL_OF[call.type];
  if (proposal !== undefined && proposal !== world.profile.proposal) {
    return `${call.type} is not part of profile ${world.profile.id}`;
  }
  // dlset_object_baseaddr in the 13 April text, dlset_object_base on the branch: one call.
  if (call.type === 'dlset-object-base' && !world.profile.has('noreloc.setbase.records')) {
    return `dlset_object_base is not part of profile ${world.profile.id}`;
  }
  return undefined;
}

/** The outcomes the spec allows for `call` from `state`. */
export function step(state: ModelState, call: Call, world: World): StepResult {
  const reason = supportedIn(call, world);
  if (reason !== undefined) return { kind: 'unsupported', reason };
  const transition = TRANSITIONS[call.type] as Transition<Call>;
  return { kind: 'outcomes', outcomes: transition(state, call, world) };
}
