/**
 * dlsym(handle, symbol).
 *
 * @module
 */
import { releasedSourceCites } from './lib/released.js';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { defines } from '../loader/scope.js';
import { failure, specified } from '../outcome/build.js';
import { MAIN_OBJECT } from '../state/initial.js';
import { closureOf, isLive, objectAt } from '../state/objects.js';
import { resolveHandle } from './lib/handle.js';
import { FIRM, along, finish, qualify } from './lib/result.js';
import { afterTrigger } from './lib/trigger.js';

type Dlsym = CallOf<'dlsym'>;

/** The global scope of the base namespace: the objects RTLD_DEFAULT and the main program's handle search. */
export function globalScope(state: ModelState): readonly number[] {
  return state.objects.filter((o) => o.ns === 0 && isLive(o) && o.global).map((o) => o.id);
}


/**
 * The clause a definition found in `found` rests on: base.dlsym.found, except that an object dlmem
 * loaded is in the global scope only by dlmem.names.global (RTLD_GLOBAL as dlopen has it).
 */
function foundCite(state: ModelState, world: World, found: number, global: boolean): ClauseId {
  return global && objectAt(state, found).via === 'dlmem' && world.profile.has('dlmem.names.global') ? 'dlmem.names.global' : 'base.dlsym.found';
}

/** The lookup itself, in a state where nothing in `scope` (the global scope when `global`) needs relocating first. */
function lookupIn(state: ModelState, world: World, scope: readonly number[], symbol: string, cites: readonly ClauseId[], global = false): Outcomes {
  const found = scope.find((id) => defines(state, world, id, symbol));
  if (found === undefined) return [failure(state, { kind: 'null' }, 'unspecified', [...cites, 'base.dlsym.missing'])];
  return [specified(state, { kind: 'symbol', object: found, name: symbol },
    [...cites, foundCite(state, world, found, global), ...releasedSourceCites(state, world, objectAt(state, found))])];
}

/**
 * dlsym(RTLD_DEFAULT): the global scope, relocating nothing (noreloc.trigger.not-handle). A
 * definition in an unrelocated global object is noreloc.defer.global-visibility's open question
 * (and in a failed one, noreloc.dlrelocate.failure-state's): the lookup may return it, or pass
 * over it to the next definition.
 */
function lookupDefault(state: ModelState, world: World, scope: readonly number[], symbol: string): Outcomes {
  const anyUnrelocated = state.objects.some((o) => isLive(o) && o.status !== 'relocated');
  const cites: ClauseId[] = anyUnrelocated && world.profile.has('noreloc.trigger.not-handle') ? ['noreloc.trigger.not-handle'] : [];
  const at = scope.findIndex((id) => defines(state, world, id, symbol));
  const found = scope[at];
  if (found === undefined || objectAt(state, found).status === 'relocated') return lookupIn(state, world, scope, symbol, cites, true);
  const failed = objectAt(state, found).status === 'failed';
  const cite: ClauseId = failed ? 'noreloc.dlrelocate.failure-state' : 'noreloc.defer.global-visibility';
  const gap = `whether ${failed ? 'an object whose relocation failed' : 'an unrelocated RTLD_GLOBAL object'} provides symbols to dlsym(RTLD_DEFAULT) is open`;
  const route = along(FIRM, 'unspecified', [cite], gap);
  return [
    specified(state, { kind: 'symbol', object: found, name: symbol }, [...cites, foundCite(state, world, found, true)]),
    ...lookupDefault(state, world, scope.slice(at + 1), symbol),
  ].map((o) => qualify(o, route));
}

/** Argument validation: RTLD_DEFAULT, or a live handle (base.dlclose.bad-handle). */
function checks(state: ModelState, call: Dlsym): Outcomes | number | 'RTLD_DEFAULT' {
  if (call.handle === 'RTLD_DEFAULT') return 'RTLD_DEFAULT';
  const handle = resolveHandle(state, call.handle, 'dlsym');
  return handle.ok ? handle.id : [handle.outcome];
}

/**
 * The lookup: through a handle, in the object and its dependencies, breadth first, relocating an
 * unrelocated object first; through RTLD_DEFAULT or the main program's handle (POSIX dlopen(NULL)),
 * in the global scope.
 */
function core(state: ModelState, call: Dlsym, world: World, id: number | 'RTLD_DEFAULT'): Outcomes {
  if (id === 'RTLD_DEFAULT' || id === MAIN_OBJECT) return lookupDefault(state, world, globalScope(state), call.symbol);
  return afterTrigger(state, world, id, { what: 'dlsym', cites: ['noreloc.trigger.dlsym'], failRet: { kind: 'null' }, onBranch: true },
    (s) => lookupIn(s, world, closureOf(s, id), call.symbol, []));
}

/**
 * dlsym: the relocated address of a symbol the handle's object or its dependencies define
 * (base.dlsym.found), or NULL with a dlerror() message (base.dlsym.missing). On an unrelocated
 * handle the object is relocated first (noreloc.trigger.dlsym, noreloc.trigger.first-operation;
 * failure: noreloc.trigger.implicit-failure); the first form leaves this open
 * (noreloc.trigger.v1-implicit). RTLD_DEFAULT searches the global objects of the base namespace.
 * The symbol is bound to `call.as`.
 */
export const dlsym: Transition<CallOf<'dlsym'>> = (state, call, world) => {
  const checked = checks(state, call);
  const outcomes = typeof checked === 'object' ? checked : core(state, call, world, checked);
  return outcomes.map((o) => finish(o, call.as));
};
