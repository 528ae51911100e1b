/**
 * Relocating an object on behalf of a call, written once for every call that does it:
 *
 * - {@link relocation}: the branches relocating an unrelocated (or failed) object can take, with
 *   the caller requirement of a moved object checked (noreloc.setbase.caller-copy);
 * - {@link relocatedThen}: a call that relocates first and then does its own work;
 * - {@link afterTrigger}: "relocate first if unrelocated" for the operations on a handle that
 *   trigger relocation (dlsym, most dlinfo requests: noreloc.trigger.*), including the first
 *   form's silence (noreloc.trigger.v1-implicit) and a handle whose relocation failed;
 * - {@link afterFailure}: the choices a call has on a handle whose relocation failed
 *   (noreloc.dlrelocate.after-failure; noreloc.dlrelocate.v1-failure in the first form).
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Effect, Outcome, Outcomes, Ret } from '../../types/outcome.js';
import type { ModelState } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { type Branch, toOutcome } from '../../loader/branch.js';
import { relocateNow } from '../../loader/open.js';
import { failure, undefinedBehaviour } from '../../outcome/build.js';
import { objectAt } from '../../state/objects.js';
import { FIRM, type Route, along, qualify } from './result.js';

/** What relocating can come to: its branches, or the undefined behaviour of a missing copy. */
export type Relocation = { readonly ub: Outcome } | { readonly branches: readonly Branch[] };

/** Why a moved object cannot be relocated at its recorded base, if it cannot. */
function missingCopy(state: ModelState, id: number): string | undefined {
  const placement = objectAt(state, id).placement;
  if (placement.kind !== 'moved') return undefined;
  const region = state.regions.get(placement.region);
  if (region === undefined || !region.mapped) return `the range recorded as object ${id}'s base is not mapped when it is relocated`;
  if (region.copyOf !== id) return `the caller placed no copy of object ${id}'s image at its recorded base before the relocation`;
  if (!region.prot.r || !region.prot.w) return `the copy of object ${id} at its recorded base is not readable and writable`;
  return undefined;
}

/**
 * Relocates `id` (and its unrelocated direct dependencies) now. An object the caller moved is
 * relocated at its recorded base (noreloc.setbase.records, noreloc.setbase.final-layout), which
 * needs the caller's copy to be there: without it the relocation is undefined behaviour
 * (noreloc.setbase.caller-copy).
 */
export function relocation(state: ModelState, world: World, id: number, cites: readonly ClauseId[]): Relocation {
  const branches = relocateNow(state, world, id, cites);
  const touched = new Set([id, ...branches.flatMap((b) => b.effects.flatMap((e) => (e.kind === 'relocated' ? [e.object] : [])))]);
  const moved = [...touched].filter((o) => objectAt(state, o).placement.kind === 'moved');
  for (const o of moved) {
    const why = missingCopy(state, o);
    if (why !== undefined) return { ub: undefinedBehaviour(state, ['noreloc.setbase.caller-copy'], why) };
  }
  if (moved.length === 0) return { branches };
  // Once the caller unmapped an old range, a relocation that still used it breaks noreloc.setbase.old-range.
  const released = moved.some((o) => { const p = objectAt(state, o).placement; return p.kind === 'moved' && p.oldReleased === true; });
  const movedCites = (['noreloc.setbase.records', 'noreloc.setbase.final-layout', ...(released ? ['noreloc.setbase.old-range' as const] : [])] as const)
    .filter((c) => world.profile.has(c));
  return { branches: branches.map((b) => (b.ok ? { ...b, cites: [...new Set([...b.cites, ...movedCites])] } : b)) };
}

/** The route a branch took. */
export function routeOf(branch: Branch): Route {
  return along(FIRM, branch.firmness, branch.cites, branch.gap);
}

/** Outcomes reached after `effects` along `route`: effects prefixed, cites added, firmness weakened. */
export function preceded(outcomes: Outcomes, effects: readonly Effect[], route: Route): Outcomes {
  return outcomes.map((o) => qualify({ ...o, effects: [...effects, ...o.effects] }, route));
}

/**
 * Relocates `id` and then does `then` on the relocated state. A failed relocation makes the call
 * fail with `failRet`, citing `failCites` too, and leaves the object failed.
 */
export function relocatedThen(
  state: ModelState, world: World, id: number, cites: readonly ClauseId[], failRet: Ret,
  then: (state: ModelState) => Outcomes, failCites: readonly ClauseId[] = [],
): Outcomes {
  const done = relocation(state, world, id, cites);
  if ('ub' in done) return [done.ub];
  return done.branches.flatMap((b) => (b.ok
    ? preceded(then(b.state), b.effects, routeOf(b))
    : [toOutcome(b, failCites, failRet, () => { throw new Error('model bug: a failed branch has no return'); })]));
}

/** The clause that leaves open what a call does after a failed relocation, in this profile. */
function afterFailureCite(world: World): ClauseId {
  return world.profile.has('noreloc.dlrelocate.after-failure') ? 'noreloc.dlrelocate.after-failure' : 'noreloc.dlrelocate.v1-failure';
}

/**
 * The outcomes of a call (`what`) on a handle whose relocation failed: the spec says only what
 * dlclose does, so the call may go on (retrying the relocation first when `retry`), fail with
 * EINVAL, or fail again with the relocation's error. All unspecified. When `goAhead` is false the
 * call may not go on with the object unrelocated: dlrelocate, whose success means the
 * constructors were called ("If the function returned success then ctors of an object were
 * called by it", thread:L2085-2087).
 */
export function afterFailure(
  state: ModelState, world: World, id: number, failRet: Ret, what: string,
  then: (state: ModelState) => Outcomes, retry: boolean, goAhead = true,
): Outcomes {
  // dlrelocate after a failure is noreloc.dlrelocate.after-failure's; any other call, after-failure-ops'.
  const cite = what !== 'dlrelocate' && world.profile.has('noreloc.dlrelocate.after-failure-ops')
    ? 'noreloc.dlrelocate.after-failure-ops' : afterFailureCite(world);
  const gap = `${what} on a handle whose relocation failed: whether it retries, fails with EINVAL, fails again${goAhead ? ' or goes ahead on the failed object' : ''} is not said`;
  const route = along(FIRM, 'unspecified', [cite], gap);
  const retried = retry ? relocatedThen(state, world, id, [cite], failRet, then) : [];
  const goOn = [...retried, ...(goAhead || !retry ? then(state) : [])];
  return [
    ...goOn,
    failure(state, failRet, 'EINVAL', [cite], 'unspecified', gap),
    failure(state, failRet, 'unspecified', [cite], 'unspecified', gap),
  ].map((o) => qualify(o, route));
}

/** An operation on a handle that relocates an unrelocated object before it is performed. */
export interface Trigger {
  /** The call, for gaps ("dlsym", "dlinfo(RTLD_DI_LINKMAP)"). */
  readonly what: string;
  /** The clauses that make this operation trigger relocation in the second form. */
  readonly cites: readonly ClauseId[];
  /** What the operation returns when it fails. */
  readonly failRet: Ret;
  /** Whether the branch relocates for it too (a symbol lookup: noreloc.trigger.branch-operations). */
  readonly onBranch: boolean;
}

/**
 * "Relocate first if unrelocated": `then` on the object's state once it is relocated.
 * - relocated: `then` at once;
 * - unrelocated, second form: relocated first (noreloc.trigger.first-operation plus the
 *   trigger's clauses); a failed relocation makes the operation fail and leaves the object failed
 *   (noreloc.trigger.implicit-failure); on the branch only a symbol lookup relocates
 *   (noreloc.trigger.branch-operations);
 * - unrelocated, first form: the spec is silent (noreloc.trigger.v1-implicit): it may relocate
 *   first, go on with the unrelocated image, or fail;
 * - failed: {@link afterFailure}.
 */
export function afterTrigger(
  state: ModelState, world: World, id: number, trigger: Trigger, then: (state: ModelState) => Outcomes,
): Outcomes {
  const object = objectAt(state, id);
  const status = object.status;
  if (status === 'relocated') {
    // An object opened with the bit and relocated since is not relocated again (noreloc.trigger.once).
    const once = object.mode.flags.includes('RTLD_NORELOCATE') && world.profile.has('noreloc.trigger.once');
    return once ? preceded(then(state), [], along(FIRM, 'specified', ['noreloc.trigger.once'])) : then(state);
  }
  if (status === 'failed') return afterFailure(state, world, id, trigger.failRet, trigger.what, then, true);
  if (status === 'closed') throw new Error(`model bug: ${trigger.what} on closed object ${id}`);
  if (world.profile.has('noreloc.trigger.first-operation')) {
    return relocatedThen(state, world, id, ['noreloc.trigger.first-operation', ...trigger.cites], trigger.failRet, then,
      ['noreloc.trigger.implicit-failure']);
  }
  if (world.profile.has('noreloc.trigger.branch-operations')) {
    // The branch relocates for a symbol lookup on the handle only; every other operation sees the unrelocated object.
    if (!trigger.onBranch) return preceded(then(state), [], along(FIRM, 'specified', ['noreloc.trigger.branch-operations']));
    return relocatedThen(state, world, id, ['noreloc.trigger.branch-operations', ...trigger.cites], trigger.failRet, then,
      ['noreloc.trigger.implicit-failure']);
  }
  if (!world.profile.has('noreloc.trigger.v1-implicit')) {
    throw new Error(`model bug: unrelocated object ${id} in profile ${world.profile.id}`);
  }
  const gap = `${trigger.what} on an unrelocated handle in the first form: whether it relocates first, works on the unrelocated image or fails is not said`;
  const route = along(FIRM, 'unspecified', ['noreloc.trigger.v1-implicit'], gap);
  return [
    ...relocatedThen(state, world, id, ['noreloc.trigger.v1-implicit'], trigger.failRet, then),
    ...then(state),
    failure(state, trigger.failRet, 'unspecified', ['noreloc.trigger.v1-implicit'], 'unspecified', gap),
  ].map((o) => qualify(o, route));
}
