/**
 * dlrelocate(handle) (second form) and dlrelocate(handle, base) (first form).
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Outcome, Outcomes, Ret } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { failure, specified, undefinedBehaviour } from '../outcome/build.js';
import { objectAt, updateObject } from '../state/objects.js';
import { resolveHandle } from './lib/handle.js';
import { FIRM, along, finish, qualify } from './lib/result.js';
import { afterFailure, relocatedThen } from './lib/trigger.js';

type Dlrelocate = CallOf<'dlrelocate'>;

const MINUS_ONE = { kind: 'int', value: -1 } as const;

/**
 * How the second form reports: the 13 April text returns the error number itself (EINVAL for an
 * object already relocated, another one for a failed relocation); the branch returns -1 and
 * leaves the reason to dlerror().
 */
interface Convention {
  /** The return of a call on an object already relocated. */
  readonly already: Ret;
  /** The return of a failed relocation. */
  readonly failed: Ret;
  /** The clauses of each case in this profile. */
  readonly cites: { readonly already: ClauseId; readonly plain: ClauseId; readonly failure: ClauseId };
}

const EINVAL_VALUE = 22;

/** The second form's convention in `world`'s profile. */
function conventionOf(world: World): Convention {
  if (world.profile.has('noreloc.dlrelocate.already-branch')) {
    return { already: MINUS_ONE, failed: MINUS_ONE,
      cites: { already: 'noreloc.dlrelocate.already-branch', plain: 'noreloc.dlrelocate.plain-handle-branch', failure: 'noreloc.dlrelocate.failure-branch' } };
  }
  return { already: { kind: 'int', value: EINVAL_VALUE }, failed: { kind: 'nonzero' },
    cites: { already: 'noreloc.dlrelocate.already', plain: 'noreloc.dlrelocate.plain-handle', failure: 'noreloc.dlrelocate.failure' } };
}

/** The v2 form has one argument; the v1 form needs `base`. */
function isFirstForm(world: World): boolean {
  return world.profile.has('noreloc.dlrelocate.v1-base');
}

/**
 * Argument validation: a live handle (noreloc.dlrelocate.null-handle) and the profile's form. A
 * `base` in the second form, or none in the first, is a call that does not match the prototype.
 */
function checks(state: ModelState, call: Dlrelocate, world: World): Outcome | number {
  const handle = resolveHandle(state, call.handle, 'dlrelocate', 'noreloc.dlrelocate.null-handle');
  if (!handle.ok) return handle.outcome;
  if (isFirstForm(world) && call.base === undefined) {
    return undefinedBehaviour(state, ['noreloc.dlrelocate.v1-base', 'noreloc.setbase.caller-copy'],
      'the first form is dlrelocate(handle, base): a call without base passes no copy of the image');
  }
  if (!isFirstForm(world) && call.base !== undefined) {
    return undefinedBehaviour(state, ['noreloc.dlrelocate.null-handle'], 'the second form is dlrelocate(handle): a call with a base does not match the prototype');
  }
  return handle.id;
}

/** A relocation dlrelocate performs: 0 on success (constructors run), `failRet` on failure (object failed). */
function relocateOutcomes(
  state: ModelState, world: World, id: number, cites: readonly ClauseId[], failCites: readonly ClauseId[], failRet: Ret = MINUS_ONE,
): Outcomes {
  const lazy = world.profile.has('noreloc.dlrelocate.lazy') ? ['noreloc.dlrelocate.lazy' as const] : [];
  return relocatedThen(state, world, id, cites, failRet, (s) => [specified(s, { kind: 'int', value: 0 }, cites)], failCites)
    .map((o) => (o.cites.includes('base.dlopen.undefined-lazy') ? qualify(o, along(FIRM, 'implementation-defined', lazy)) : o))
    // A failed relocation reports an error other than EINVAL, which means "already relocated"
    // (noreloc.dlrelocate.failure; the branch's failure-branch promises only a message).
    .map((o) => (world.profile.has('noreloc.dlrelocate.failure') && o.error.kind === 'error' && o.error.errno === 'unspecified'
      ? { ...o, error: { ...o.error, except: 'EINVAL' as const } } : o));
}

/** The second form on a live handle, reporting by `world`'s convention. */
function coreV2(state: ModelState, world: World, id: number): Outcomes {
  const object = objectAt(state, id);
  const conv = conventionOf(world);
  if (object.status === 'relocated') {
    const bit = object.mode.flags.includes('RTLD_NORELOCATE');
    // The branch tells "already relocated" only by dlerror(); the 13 April text by the value EINVAL.
    return [failure(state, conv.already, conv.already === MINUS_ONE ? 'unspecified' : 'EINVAL', [bit ? conv.cites.already : conv.cites.plain])];
  }
  if (object.status === 'failed') {
    return afterFailure(state, world, id, conv.failed, 'dlrelocate', (s) => [specified(s, { kind: 'int', value: 0 }, ['noreloc.dlrelocate.after-failure'])], true, false);
  }
  if (object.via === 'dependency' && world.profile.has('noreloc.dlrelocate.dependency')) {
    // The branch marks only the object dlopen named as deferred: a dependency's handle is refused.
    const refused = failure(state, MINUS_ONE, 'unspecified', ['noreloc.dlrelocate.dependency', 'noreloc.defer.deps-deferred']);
    // Open counts RTLD_DI_DEPLIST may give its handles (noreloc.deplist.refcount) are no open of the caller's.
    if (object.opened !== true) return [refused];
    // The caller opened it itself with the bit too: refused, or relocated as its own (an open question).
    const open = along(FIRM, 'unspecified', ['noreloc.dlrelocate.dependency-opened'],
      'dlrelocate on an unrelocated dependency the caller also opened with RTLD_NORELOCATE: refused as a dependency or relocated as its own is not said');
    return [refused, ...relocateOutcomes(state, world, id, ['noreloc.dlrelocate.first'], [conv.cites.failure], conv.failed)].map((o) => qualify(o, open));
  }
  if (object.via === 'dependency') {
    const gap = 'whether a dependency can be unrelocated at all is open (noreloc.defer.deps-open); dlrelocate on its handle relocates it alone';
    return relocateOutcomes(state, world, id, ['noreloc.dlrelocate.first'], [conv.cites.failure], conv.failed)
      .map((o) => qualify(o, along(FIRM, 'unspecified', ['noreloc.defer.deps-open'], gap)));
  }
  return relocateOutcomes(state, world, id, ['noreloc.dlrelocate.first'], [conv.cites.failure], conv.failed);
}

/**
 * The first form: the caller has copied the image to `base`; the object is relocated there.
 * What it does on an object already relocated, or after a failure, is noreloc.dlrelocate.v1-failure's question.
 */
function coreV1(state: ModelState, world: World, id: number, base: string): Outcomes {
  const object = objectAt(state, id);
  const open: ClauseId = 'noreloc.dlrelocate.v1-failure';
  if (object.status === 'relocated') {
    const gap = 'the first form does not say what dlrelocate does on an object already relocated; it relocates nothing again';
    return [failure(state, MINUS_ONE, 'unspecified', [open], 'unspecified', gap),
      qualify(specified(state, { kind: 'int', value: 0 }, [open]), along(FIRM, 'unspecified', [open], gap))];
  }
  if (object.status === 'failed') {
    return afterFailure(state, world, id, MINUS_ONE, 'dlrelocate', (s) => [specified(s, { kind: 'int', value: 0 }, ['noreloc.dlrelocate.v1-base'])], true, false);
  }
  const moved = updateObject(state, id, { placement: { kind: 'moved', region: base }, backing: 'caller-copy' });
  const gap = 'the first form gives no way to tell a relocation failure from misuse';
  return relocateOutcomes(moved, world, id, ['noreloc.dlrelocate.v1-base'], [open])
    .map((o) => (o.ret.kind === 'int' && o.ret.value === -1 ? qualify(o, along(FIRM, 'unspecified', [open], gap)) : o));
}

/**
 * dlrelocate: relocates an unrelocated object at the base in force, runs its constructors and
 * returns 0 (noreloc.dlrelocate.first; a dependency's handle: noreloc.dlrelocate.dependency); on
 * a relocated object, -1 with EINVAL (noreloc.dlrelocate.already, noreloc.dlrelocate.plain-handle);
 * a failed relocation returns -1 and leaves the object failed (noreloc.dlrelocate.failure), after
 * which only dlclose is specified (noreloc.dlrelocate.after-failure). Under RTLD_LAZY, references
 * may stay bound lazily (noreloc.dlrelocate.lazy). In norelocate-v1 the call is
 * dlrelocate(handle, base) (noreloc.dlrelocate.v1-base).
 */
export const dlrelocate: Transition<CallOf<'dlrelocate'>> = (state, call, world) => {
  const checked = checks(state, call, world);
  if (typeof checked !== 'number') return [finish(checked, undefined)];
  const outcomes = isFirstForm(world) ? coreV1(state, world, checked, call.base as string) : coreV2(state, world, checked);
  return outcomes.map((o) => finish(o, undefined));
};
