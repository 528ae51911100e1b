/**
 * The load pipeline dlopen, dlmopen and dlmem share: map the closure, then relocate and run
 * constructors (or defer them under RTLD_NORELOCATE), cleaning up on failure.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import { type Branch, failBranch, okBranch } from './branch.js';
import { type ClosureResult, type RootSpec, loadClosure } from './closure.js';
import { discard, relocateAndInit } from './lifecycle.js';
import { unresolvedOf } from './scope.js';
import { closureOf, objectAt } from '../state/objects.js';

/**
 * How relocating `ids` can go: all resolvable (one success branch); a reference nothing defines
 * (one failure); or, under RTLD_LAZY with only PLT references missing, the two outcomes
 * base.dlopen.undefined-lazy allows.
 */
export function relocationBranches(
  state: ModelState, world: World, ids: readonly number[], lazy: boolean, cites: readonly ClauseId[],
): readonly Branch[] {
  const missing = ids.flatMap((id) => unresolvedOf(state, world, id));
  if (missing.length === 0) {
    const done = relocateAndInit(state, world, ids);
    return [okBranch(done.state, done.effects, cites)];
  }
  const failed = (extra: ClauseId, firmness: 'specified' | 'implementation-defined'): Branch =>
    failBranch(state, 'unspecified', [...cites, extra], firmness);
  // base.dlopen.undefined-lazy: under RTLD_LAZY a loader may leave references pending (glibc for
  // PLT-only functions, musl for any reference) or fail as under RTLD_NOW.
  if (lazy) {
    const done = relocateAndInit(state, world, ids);
    return [
      okBranch(done.state, done.effects, [...cites, 'base.dlopen.undefined-lazy'], 'implementation-defined'),
      failed('base.dlopen.undefined-lazy', 'implementation-defined'),
    ];
  }
  return [failed('base.dlopen.undefined-now', 'specified')];
}

/** Cleans up after a failed load: the objects it entered go, and dlerror() reports the failure. */
function cleanup(branch: Branch, added: readonly number[]): Branch {
  if (branch.ok) return branch;
  const gone = discard(branch.state, added);
  return { ...branch, state: gone.state, effects: [...branch.effects, ...gone.effects] };
}

/**
 * Loads a new object and its dependencies. Without deferral everything is relocated and
 * initialised; with RTLD_NORELOCATE the root stays unrelocated while its dependencies follow
 * noreloc.defer.deps-ctors (those with constructors are initialised) and noreloc.defer.deps-open
 * (the others may stay unrelocated) in the 13 April text, noreloc.defer.deps-deferred (they stay
 * unrelocated with the object) on the branch, and noreloc.defer.deps-v1 (either) in the first form.
 */
export function freshLoad(
  state: ModelState, world: World, root: RootSpec, deferred: boolean, cites: readonly ClauseId[],
  missingCite: ClauseId = 'base.dlopen.missing-dependency',
): readonly Branch[] {
  const closure = loadClosure(state, world, root);
  if (!closure.ok) return [failBranch(state, 'ENOENT', [...cites, missingCite])];
  if (closure.usedDlmem && world.profile.has('dlmem.names.satisfies-needed')) {
    // Whether an object from memory answers a DT_NEEDED name is not said: both readings.
    const gap = 'whether an object loaded by dlmem satisfies a later DT_NEEDED by its name is not said';
    const open = (b: Branch): Branch => ({ ...b, firmness: 'unspecified', cites: [...b.cites, 'dlmem.names.satisfies-needed'], gap });
    const fromFile = loadClosure(state, world, root, true);
    const other = fromFile.ok ? loadedBranches(fromFile, world, root, deferred, cites)
      : [failBranch(state, 'ENOENT', [...cites, missingCite])];
    return [...loadedBranches(closure, world, root, deferred, cites), ...other].map(open);
  }
  return loadedBranches(closure, world, root, deferred, cites);
}

/** The relocation branches of a mapped closure (see freshLoad). */
function loadedBranches(
  closure: Extract<ClosureResult, { ok: true }>, world: World, root: RootSpec, deferred: boolean, cites: readonly ClauseId[],
): readonly Branch[] {
  const lazy = root.mode.flags.includes('RTLD_LAZY') && !root.mode.flags.includes('RTLD_NOW');
  const mapped = closure.added.map((object) => ({ kind: 'mapped', object }) as const);
  const withRoot = (b: Branch): Branch =>
    cleanup({ ...b, effects: [...mapped, ...b.effects], ...(b.ok ? { object: closure.root } : {}) }, closure.added);
  if (!deferred) {
    return relocationBranches(closure.state, world, closure.added, lazy, cites).map(withRoot);
  }
  const deps = closure.added.filter((id) => id !== closure.root);
  const deferCites: ClauseId[] = [...cites, 'noreloc.defer.relocation', 'noreloc.defer.ctors'];
  if (world.profile.has('noreloc.defer.deps-deferred')) {
    // The branch: the dependencies loaded with the object stay unrelocated with it.
    return relocationBranches(closure.state, world, [], lazy, [...deferCites, 'noreloc.defer.deps-deferred']).map(withRoot);
  }
  if (deps.length > 0 && world.profile.has('noreloc.defer.deps-v1')) {
    // The first form says nothing of dependencies: relocated and constructed now, or with the object.
    const v1: ClauseId[] = [...deferCites, 'noreloc.defer.deps-v1'];
    const gap = 'the first form does not say whether dependencies are relocated at dlopen or with the object';
    return [...relocationBranches(closure.state, world, deps, lazy, v1), ...relocationBranches(closure.state, world, [], lazy, v1)]
      .map((b) => withRoot({ ...b, firmness: 'unspecified', gap }));
  }
  const withCtors = deps.filter((id) => world.images.get(objectAt(closure.state, id).image)?.reportsCtor === true);
  // Constructors of dependencies are observed only where a new dependency has one (noreloc.defer.deps-ctors).
  const depCites = (['noreloc.defer.deps-loaded', ...(withCtors.length > 0 ? ['noreloc.defer.deps-ctors' as const] : [])] as const)
    .filter((c) => world.profile.has(c));
  const branches = relocationBranches(closure.state, world, deps, lazy, [...deferCites, ...depCites]).map(withRoot);
  if (deps.length === withCtors.length || !world.profile.has('noreloc.defer.deps-open')) return branches;
  const partial = relocationBranches(closure.state, world, withCtors, lazy, [...deferCites, 'noreloc.defer.deps-open'])
    .map((b) => withRoot({ ...b, firmness: 'unspecified', cites: [...b.cites, 'noreloc.defer.deps-open'],
      gap: 'dependencies without constructors may stay unrelocated (noreloc.defer.deps-open)' }));
  return [...branches, ...partial];
}

/**
 * Relocates an unrelocated object now (dlrelocate, or an operation that triggers it), with every
 * unrelocated object it depends on, directly or not (an object is never bound to an unrelocated
 * image; noreloc.defer.deps-deferred: the dependencies stay unrelocated until the object is
 * relocated): success runs their constructors, dependencies first; failure leaves the object in
 * the failed state with none run.
 */
export function relocateNow(
  state: ModelState, world: World, id: number, cites: readonly ClauseId[],
): readonly Branch[] {
  const object = objectAt(state, id);
  const lazy = object.mode.flags.includes('RTLD_LAZY') && !object.mode.flags.includes('RTLD_NOW');
  // Every dependency still unrelocated, direct or not: those loaded with the object wait for it
  // (noreloc.defer.deps-deferred relocates "those dependencies" first, not only the direct ones).
  const pending = [id, ...closureOf(state, id).filter((d) => d !== id && objectAt(state, d).status === 'unrelocated')];
  return relocationBranches(state, world, pending, lazy, cites).map((b) => {
    if (b.ok) return b;
    const failedState = { ...b.state, objects: b.state.objects.map((o) => (o.id === id ? { ...o, status: 'failed' as const } : o)) };
    return { ...b, state: failedState };
  });
}
