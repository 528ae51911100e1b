/**
 * Symbol resolution: which objects a relocation may bind to, and whether every reference an object
 * makes is defined somewhere in its scope.
 *
 * @module
 */
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import { closureOf, isLive, objectAt } from '../state/objects.js';

/** An undefined reference nothing in scope defines. */
export interface Unresolved {
  /** The symbol. */
  readonly name: string;
  /** True when only PLT (function) relocations use it, so lazy binding can postpone it. */
  readonly lazyable: boolean;
}

/** Whether an object defines `name` (system objects: whatever the system libraries define). */
export function defines(state: ModelState, world: World, id: number, name: string): boolean {
  const object = objectAt(state, id);
  if (object.system) return world.systemSymbols.has(name);
  const facts = world.images.get(object.image);
  return facts !== undefined && facts.elf.ok && facts.elf.elf.symbols.defined.has(name);
}

/** The objects an object's references may bind to: the global scope of its namespace, then its own closure. */
export function scopeOf(state: ModelState, id: number): readonly number[] {
  const ns = objectAt(state, id).ns;
  const global = state.objects.filter((o) => o.ns === ns && isLive(o) && o.global).map((o) => o.id);
  return [...new Set([...global, ...closureOf(state, id)])];
}

/** The references of an object that nothing in its scope defines (weak ones never count). */
export function unresolvedOf(state: ModelState, world: World, id: number): readonly Unresolved[] {
  const object = objectAt(state, id);
  if (object.system) return [];
  const facts = world.images.get(object.image);
  if (facts === undefined || !facts.elf.ok) return [];
  const scope = scopeOf(state, id);
  return facts.elf.elf.symbols.undefined
    .filter((u) => !u.weak && !scope.some((s) => defines(state, world, s, u.name)))
    .map((u) => ({ name: u.name, lazyable: u.viaPlt && u.type !== 'object' }));
}

/** The object a symbol lookup in `scope` finds first, if any. */
export function lookup(state: ModelState, world: World, scope: readonly number[], name: string): number | undefined {
  return scope.find((id) => defines(state, world, id, name));
}
