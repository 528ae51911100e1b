/**
 * Bindings between the model's symbolic objects and the addresses a real run observed: a handle
 * the model calls object 3 is whatever pointer the loader returned for it, and must stay that
 * pointer (and no other object may share it) for the rest of the trace.
 *
 * @module
 */

/** Model object id ↔ observed handle pointer. */
export interface Binding {
  /** Handle pointer of each bound object. */
  readonly handles: ReadonlyMap<number, string>;
}

/** The binding every trace starts with. */
export const EMPTY_BINDING: Binding = { handles: new Map() };

/** The result of binding one more handle. */
export type BindResult = { readonly ok: true; readonly binding: Binding } | { readonly ok: false; readonly detail: string };

/**
 * Binds `object` to the observed pointer `ptr`: fine when neither is bound yet, or when they are
 * bound to each other; a conflict is a wrong handle (base.dlopen.dedup and distinct objects).
 */
export function bindHandle(binding: Binding, object: number, ptr: string): BindResult {
  const known = binding.handles.get(object);
  if (known !== undefined) {
    return known === ptr ? { ok: true, binding } : { ok: false, detail: `object #${object} was handle ${known}, now ${ptr}` };
  }
  for (const [other, p] of binding.handles) {
    if (p === ptr) return { ok: false, detail: `handle ${ptr} is object #${other}'s, not a new object #${object}'s` };
  }
  const handles = new Map(binding.handles);
  handles.set(object, ptr);
  return { ok: true, binding: { handles } };
}

/** Forgets the handles of objects that are closed, so that a later load may reuse their pointers. */
export function forgetClosed(binding: Binding, isClosed: (object: number) => boolean): Binding {
  let changed = false;
  const handles = new Map<number, string>();
  for (const [object, ptr] of binding.handles) {
    if (isClosed(object)) changed = true;
    else handles.set(object, ptr);
  }
  return changed ? { handles } : binding;
}

/** A stable text key of a binding, for merging equal (state, binding) pairs. */
export function bindingKey(binding: Binding): string {
  return [...binding.handles].sort((a, b) => a[0] - b[0]).map(([o, p]) => `${o}=${p}`).join(',');
}
