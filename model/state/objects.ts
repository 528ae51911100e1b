/**
 * Queries and updates on the loaded objects of a state.
 *
 * @module
 */
import type { Mode, ModeFlag } from '../types/calls.js';
import type { LoadedObject, ModelState } from '../types/state.js';

/** Whether a mode names a flag. */
export function hasFlag(mode: Mode, flag: ModeFlag): boolean {
  return mode.flags.includes(flag);
}

/** The object with this id; a missing id is a model bug. */
export function objectAt(state: ModelState, id: number): LoadedObject {
  const object = state.objects[id];
  if (object === undefined) throw new Error(`model bug: no object ${id}`);
  return object;
}

/** Whether the object is still loaded (not closed). */
export function isLive(object: LoadedObject): boolean {
  return object.status !== 'closed';
}

/**
 * Whether a handle to the object still holds an open the caller may close: closed to zero opens,
 * it is closed already even while a dependent holds the object (base.dlclose.bad-handle); a system
 * library counts no opens of its own. The TLA+ modules' OpenHandle.
 */
export function isOpen(object: LoadedObject): boolean {
  return isLive(object) && (object.refs > 0 || object.via === 'system');
}

/** The live objects of a namespace. */
export function liveIn(state: ModelState, ns: number): readonly LoadedObject[] {
  return state.objects.filter((o) => o.ns === ns && isLive(o));
}

/** The live object of a namespace whose name or DT_SONAME is `name`, if any. */
export function findByName(state: ModelState, ns: number, name: string): LoadedObject | undefined {
  if (name === '') return undefined;
  return liveIn(state, ns).find((o) => o.name === name || o.soname === name);
}

/**
 * The live object a dlopen of the file called `fileName` opens again: one loaded from that file
 * (its name), or an object dlmem loaded whose DT_SONAME is that name (whether that one counts is
 * dlmem.names.satisfies-needed's question). Another file that merely has the same DT_SONAME is
 * another object: dlspec opens files by path, and a loader matches a DT_SONAME only against a
 * name without a slash.
 */
export function findOpened(state: ModelState, ns: number, fileName: string): LoadedObject | undefined {
  return liveIn(state, ns).find((o) => o.name === fileName || (o.via === 'dlmem' && o.soname === fileName));
}

/**
 * The caller regions that belong to objects in any of `states`: premap mappings and the ranges
 * moved objects live in. What a loader does to them is the object's business, not a source's.
 */
export function ownedRegions(...states: readonly ModelState[]): ReadonlySet<string> {
  return new Set(states.flatMap((s) => s.objects.flatMap((o) => (o.placement.kind === 'loader' ? [] : [o.placement.region]))));
}

/** A copy of the state with one object replaced by `patch` applied to it. */
export function updateObject(state: ModelState, id: number, patch: Partial<LoadedObject>): ModelState {
  const objects = state.objects.slice();
  objects[id] = { ...objectAt(state, id), ...patch };
  return { ...state, objects };
}

/** A copy of the state with several objects patched at once (one copy of the list). */
export function updateObjects(state: ModelState, ids: readonly number[], patch: Partial<LoadedObject>): ModelState {
  if (ids.length === 0) return state;
  const objects = state.objects.slice();
  for (const id of ids) objects[id] = { ...objectAt(state, id), ...patch };
  return { ...state, objects };
}

/** The object and everything it depends on, directly or not, each once, dependencies last. */
export function closureOf(state: ModelState, root: number): readonly number[] {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const id = queue.shift() as number;
    if (seen.includes(id)) continue;
    seen.push(id);
    queue.push(...objectAt(state, id).deps);
  }
  return seen;
}

/**
 * The order constructors run in for a set of objects: every object after its dependencies
 * (depth-first post-order from each root, in the order given).
 */
export function initOrder(state: ModelState, ids: readonly number[]): readonly number[] {
  const order: number[] = [];
  const visit = (id: number, path: readonly number[]): void => {
    if (order.includes(id) || path.includes(id)) return;
    for (const dep of objectAt(state, id).deps) if (ids.includes(dep)) visit(dep, [...path, id]);
    order.push(id);
  };
  for (const id of ids) visit(id, []);
  return order;
}
