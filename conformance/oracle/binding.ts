/**
 * Bindings between the model's symbolic objects and what a real run observed: a handle the model
 * calls object 3 is whatever pointer the loader returned for it, and must stay that pointer (and
 * no other object may share it) for the rest of the trace; an object whose layout was judged is
 * the observed object at the extent it had then.
 *
 * @module
 */

/** Model object id ↔ observed handle pointer and extent. */
export interface Binding {
  /** Handle pointer of each bound object. */
  readonly handles: ReadonlyMap<number, string>;
  /** The observed extent (`"start-end"`, hex) of each object whose layout was judged. */
  readonly extents: ReadonlyMap<number, string>;
  /** The driver's slot of each model region named otherwise (a premap mapping `premap:<id>` is `AS.premap`). */
  readonly slots: ReadonlyMap<string, string>;
}

/** The binding every trace starts with. */
export const EMPTY_BINDING: Binding = { handles: new Map(), extents: new Map(), slots: new Map() };

/** Names the driver's slot of model region `region`. */
export function withSlot(binding: Binding, region: string, slot: string): Binding {
  if (binding.slots.get(region) === slot) return binding;
  const slots = new Map(binding.slots);
  slots.set(region, slot);
  return { ...binding, slots };
}

/** Binds `object` to the observed handle `ptr` (the caller has checked that it may). */
export function withHandle(binding: Binding, object: number, ptr: string): Binding {
  if (binding.handles.get(object) === ptr) return binding;
  const handles = new Map(binding.handles);
  handles.set(object, ptr);
  return { ...binding, handles };
}

/** Binds `object` to the observed extent `extent` (`"start-end"`). */
export function withExtent(binding: Binding, object: number, extent: string): Binding {
  if (binding.extents.get(object) === extent) return binding;
  const extents = new Map(binding.extents);
  extents.set(object, extent);
  return { ...binding, extents };
}

/** Forgets the handles and extents of objects that are closed, so that a later load may reuse them. */
export function forgetClosed(binding: Binding, isClosed: (object: number) => boolean): Binding {
  const keep = <V>(m: ReadonlyMap<number, V>): ReadonlyMap<number, V> => {
    const out = new Map<number, V>();
    for (const [object, v] of m) if (!isClosed(object)) out.set(object, v);
    return out.size === m.size ? m : out;
  };
  const handles = keep(binding.handles);
  const extents = keep(binding.extents);
  return handles === binding.handles && extents === binding.extents ? binding : { ...binding, handles, extents };
}

/** A stable text key of a binding, for merging equal (state, binding) pairs. */
export function bindingKey(binding: Binding): string {
  const text = (m: ReadonlyMap<number, string>): string => [...m].sort((a, b) => a[0] - b[0]).map(([o, p]) => `${o}=${p}`).join(',');
  return `${text(binding.handles)}|${text(binding.extents)}|${[...binding.slots].sort().join(',')}`;
}
