/**
 * Loading an object and its dependencies into a namespace: the mapping half of dlopen, dlmopen and
 * dlmem. Dependencies come from files (dlmem.deps.loaded), are shared with objects already loaded
 * in the namespace, and system libraries stand for themselves.
 *
 * @module
 */
import type { Mode } from '../types/calls.js';
import type { Backing, LoadedObject, ModelState, Placement } from '../types/state.js';
import type { World } from '../world/world.js';

/** How to enter the root object. */
export interface RootSpec {
  /** Fixture name. */
  readonly image: string;
  /** Namespace id. */
  readonly ns: number;
  /** Its name (l_name). */
  readonly name: string;
  /** The call that loads it. */
  readonly via: 'dlopen' | 'dlmem';
  /** Where it goes. */
  readonly placement: Placement;
  /** How its pages are backed. */
  readonly backing: Backing;
  /** The mode it is opened with. */
  readonly mode: Mode;
  /** For dlmem: the source region and its write count at load time. */
  readonly source?: LoadedObject['source'];
  /** For dlmem: the nsid clause that puts it and its new dependencies in their namespace. */
  readonly nsBy?: LoadedObject['nsBy'];
}

/** The result of mapping an object and its dependency closure. */
export type ClosureResult =
  | { readonly ok: true; readonly state: ModelState; readonly root: number; readonly added: readonly number[];
      /** Whether an object loaded by dlmem satisfied a DT_NEEDED entry (dlmem.names.satisfies-needed). */
      readonly usedDlmem: boolean }
  | { readonly ok: false; readonly missing: string };

/** The DT_NEEDED names of a fixture image (none for system objects). */
export function neededOf(world: World, object: LoadedObject): readonly string[] {
  if (object.system) return [];
  const facts = world.images.get(object.image);
  return facts !== undefined && facts.elf.ok ? facts.elf.elf.dynamic?.needed ?? [] : [];
}

/** The DT_SONAME of a fixture image, if any. */
export function sonameOf(world: World, image: string): string | undefined {
  const facts = world.images.get(image);
  return facts !== undefined && facts.elf.ok ? facts.elf.elf.dynamic?.soname : undefined;
}

/**
 * Enters the root object and every dependency not yet loaded in its namespace. New objects start
 * unrelocated; the caller of this function decides when they are relocated.
 */
export function loadClosure(state: ModelState, world: World, root: RootSpec, ignoreDlmem = false): ClosureResult {
  // Built in one local list and committed once: a load enters a handful of objects.
  const objects: LoadedObject[] = state.objects.slice();
  // Optional keys are added only when set, and `id` last: the key order (hence stateKey) of a
  // spread of the fields and then the id, without the spreads.
  const enter = (object: Omit<LoadedObject, 'id' | 'source' | 'nsBy'>, source: LoadedObject['source'], nsBy: LoadedObject['nsBy']): number => {
    const entered: { -readonly [K in keyof LoadedObject]: LoadedObject[K] } = object as LoadedObject;
    if (source !== undefined) entered.source = source;
    if (nsBy !== undefined) entered.nsBy = nsBy;
    entered.id = objects.length;
    objects.push(entered);
    return entered.id;
  };
  // With ignoreDlmem, objects loaded from memory do not answer DT_NEEDED names (the other reading
  // of dlmem.names.satisfies-needed).
  const findLive = (name: string): LoadedObject | undefined =>
    objects.find((o) => o.ns === root.ns && o.status !== 'closed' && name !== '' && (o.name === name || o.soname === name) &&
      !(ignoreDlmem && o.via === 'dlmem'));
  let usedDlmem = false;
  const rootId = enter({
    image: root.image, system: false, ns: root.ns, name: root.name, soname: sonameOf(world, root.image),
    refs: 1, status: 'unrelocated', mode: root.mode, deps: [], via: root.via,
    placement: root.placement, backing: root.backing, global: root.mode.flags.includes('RTLD_GLOBAL'),
  }, root.source, root.nsBy);
  const added = [rootId];
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.shift() as number;
    const deps: number[] = [];
    for (const needed of neededOf(world, objects[id] as LoadedObject)) {
      const existing = findLive(needed);
      if (existing !== undefined) { usedDlmem ||= existing.via === 'dlmem'; deps.push(existing.id); continue; }
      const isSystem = world.systemLibs.has(needed);
      const image = isSystem ? needed : world.byFileName.get(needed);
      if (image === undefined) return { ok: false, missing: needed };
      const dep = enter({
        image, system: isSystem, ns: root.ns, name: needed, soname: isSystem ? needed : sonameOf(world, image),
        refs: 0, status: isSystem ? 'relocated' : 'unrelocated', mode: root.mode, deps: [],
        via: isSystem ? 'system' : 'dependency', placement: { kind: 'loader' },
        backing: isSystem ? 'system' : 'file', global: isSystem && root.ns === 0,
      }, undefined, isSystem ? undefined : root.nsBy);
      deps.push(dep);
      if (!isSystem) { added.push(dep); queue.push(dep); }
    }
    objects[id] = { ...(objects[id] as LoadedObject), deps };
  }
  return { ok: true, state: { ...state, objects }, root: rootId, added, usedDlmem };
}
