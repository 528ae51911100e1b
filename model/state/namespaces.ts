/**
 * Namespace arguments (dlmopen's and dlmem's `nsid`): which namespace one names in a state.
 *
 * @module
 */
import type { NsRef } from '../types/calls.js';
import type { ModelState } from '../types/state.js';
import { liveIn } from './objects.js';

/** LM_ID_NEWLM's value in <dlfcn.h>. */
export const LM_ID_NEWLM = -1;

/** What a namespace argument names: an existing or a new namespace, an invalid id, or one the model cannot know. */
export type Namespace =
  | { readonly kind: 'ns'; readonly ns: number; readonly create: boolean }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'unknown' };

/**
 * Resolves `nsid` against the namespaces of `state`: LM_ID_BASE, LM_ID_NEWLM (the next namespace,
 * created by the call), an existing namespace (one with a live object), or an invalid id. A
 * variable bound by an outcome the model does not determine names an unknown namespace.
 */
export function resolveNamespace(state: ModelState, nsid: NsRef): Namespace {
  let raw: number;
  if (nsid === 'LM_ID_BASE') raw = 0;
  else if (nsid === 'LM_ID_NEWLM') raw = LM_ID_NEWLM;
  else if ('raw' in nsid) raw = nsid.raw;
  else {
    const value = state.vars.get(nsid.var);
    if (value?.kind === 'unknown') return { kind: 'unknown' };
    if (value?.kind === 'ns') raw = value.ns;
    else if (value?.kind === 'int') raw = value.value;
    else return { kind: 'invalid' };
  }
  if (raw === 0) return { kind: 'ns', ns: 0, create: false };
  if (raw === LM_ID_NEWLM) return { kind: 'ns', ns: state.namespaces, create: true };
  if (raw > 0 && raw < state.namespaces && liveIn(state, raw).length > 0) return { kind: 'ns', ns: raw, create: false };
  return { kind: 'invalid' };
}
