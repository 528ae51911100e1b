/**
 * Handles: the live object a call's handle variable names, or the undefined behaviour of naming
 * something that is not a live handle.
 *
 * A handle variable is a variable a dlopen-like call bound, or `deps[i]`: the i-th handle of the
 * Dl_deplist a dlinfo(RTLD_DI_DEPLIST) step bound to `deps` (noreloc.deplist.contents makes each
 * entry a handle that dlinfo, dlset_object_base and dlrelocate accept).
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Outcome } from '../../types/outcome.js';
import type { ModelState } from '../../types/state.js';
import { undefinedBehaviour } from '../../outcome/build.js';
import { isLive, objectAt } from '../../state/objects.js';
import { handleOf } from '../../state/vars.js';

/** A resolved handle, or the one outcome of using a bad one. */
export type ResolvedHandle =
  | { readonly ok: true; readonly id: number }
  | { readonly ok: false; readonly outcome: Outcome };

const DEPLIST_ENTRY = /^(.+)\[(\d+)\]$/;

/** The live object a `deps[i]` reference names, if it names one. */
function deplistEntry(state: ModelState, name: string): number | undefined {
  const match = DEPLIST_ENTRY.exec(name);
  if (match === null) return undefined;
  const list = state.vars.get(match[1] as string);
  if (list?.kind !== 'deplist') return undefined;
  const id = list.objects[Number(match[2])];
  return id !== undefined && isLive(objectAt(state, id)) ? id : undefined;
}

/**
 * The live object `name` refers to. A variable that holds no handle, or the handle of an object
 * already closed to zero, is the undefined behaviour `cite` names (base.dlclose.bad-handle for
 * every dl* call but dlrelocate, whose own caller requirement is noreloc.dlrelocate.null-handle).
 */
export function resolveHandle(
  state: ModelState, name: string, what: string, cite: ClauseId = 'base.dlclose.bad-handle',
): ResolvedHandle {
  const id = handleOf(state, name) ?? deplistEntry(state, name);
  if (id !== undefined) return { ok: true, id };
  const value = state.vars.get(name);
  const why = DEPLIST_ENTRY.test(name) && value === undefined ? 'is no live entry of a bound Dl_deplist'
    : value === undefined ? 'was never bound'
    : value.kind === 'handle' ? 'names an object already closed to zero opens' : `holds a ${value.kind}, not a handle`;
  return { ok: false, outcome: undefinedBehaviour(state, [cite], `${what} on '${name}', which ${why}`) };
}
