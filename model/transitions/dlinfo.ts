/**
 * dlinfo(handle, request, arg).
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Outcome, Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { failure, implementationDefined, specified, unspecified } from '../outcome/build.js';
import { closureOf, objectAt } from '../state/objects.js';
import { resolveHandle } from './lib/handle.js';
import { finish } from './lib/result.js';
import { afterFailure, afterTrigger } from './lib/trigger.js';
import { imageExtent } from './lib/image.js';

type Dlinfo = CallOf<'dlinfo'>;

/** The requests the model knows, by name, or a request the loader does not define. */
/** The dlinfo requests the model tells apart; every other number is 'unknown'. */
export type Request = 'RTLD_DI_LMID' | 'RTLD_DI_LINKMAP' | 'RTLD_DI_ORIGIN' | 'RTLD_DI_MAPINFO' | 'RTLD_DI_DEPLIST' | 'unknown';

/** <dlfcn.h> request numbers: glibc's, and the noreloc branch's 12 and 13. */
const NUMBERS: ReadonlyMap<number, Request> = new Map([
  [1, 'RTLD_DI_LMID'], [2, 'RTLD_DI_LINKMAP'], [6, 'RTLD_DI_ORIGIN'], [12, 'RTLD_DI_MAPINFO'], [13, 'RTLD_DI_DEPLIST'],
]);

/** Requests loaders define that the model does not cover (RTLD_DI_CONFIGADDR … RTLD_DI_PHDR). */
const UNMODELLED = new Set([3, 4, 5, 7, 8, 9, 10, 11]);

/**
 * The request the profile sees: RTLD_DI_MAPINFO and RTLD_DI_DEPLIST exist only where
 * noreloc.mapinfo.request is in force; elsewhere they are requests the loader does not define.
 */
export function requestOf(request: Dlinfo['request'], world: World): Request {
  if (typeof request === 'number' && UNMODELLED.has(request)) {
    throw new Error(`script error: dlinfo request ${request} is defined by loaders but not modelled`);
  }
  const named = typeof request === 'number' ? NUMBERS.get(request) ?? 'unknown' : request;
  const moveQuery = named === 'RTLD_DI_MAPINFO' || named === 'RTLD_DI_DEPLIST';
  return moveQuery && !world.profile.has('noreloc.mapinfo.request') ? 'unknown' : named;
}

/** RTLD_DI_MAPINFO: returns 0 and reports whether the object is relocated. */
function mapinfo(state: ModelState, id: number, world: World): Outcomes {
  const object = objectAt(state, id);
  const relocated = object.status === 'relocated';
  const extent = object.system ? undefined : imageExtent(world, object.image);
  const mapLength = extent?.mapLength ?? 0;
  const mapAligns = extent === undefined ? [] : extent.align === world.pageSize ? [world.pageSize] : [extent.align, world.pageSize];
  const cites: ClauseId[] = ['noreloc.mapinfo.request', 'noreloc.mapinfo.relocated', ...(relocated ? [] : ['noreloc.trigger.move-queries-exempt' as const])];
  const value = { kind: 'mapinfo', object: id, relocated, mapLength, mapAligns } as const;
  if (object.placement.kind === 'moved' && !relocated) {
    return [unspecified(state, { kind: 'int', value: 0 }, [...cites, 'noreloc.mapinfo.after-setbase'],
      'between dlset_object_base and the relocation, whether map_start reports the old range or the new base is not said', { value })];
  }
  return [specified(state, { kind: 'int', value: 0 }, cites, { value })];
}

/**
 * RTLD_DI_DEPLIST: every object in the dependency closure but the object itself; whether the
 * system libraries loaded before are listed too is implementation-defined (noreloc.deplist.extra).
 */
function deplist(state: ModelState, id: number, world: World): Outcomes {
  const object = objectAt(state, id);
  const all = closureOf(state, id).filter((d) => d !== id).sort((a, b) => a - b);
  const own = all.filter((d) => !objectAt(state, d).system);
  const cites: ClauseId[] = ['noreloc.deplist.request', 'noreloc.deplist.contents',
    ...(object.status === 'relocated' ? [] : ['noreloc.trigger.move-queries-exempt' as const])];
  const listing = (objects: readonly number[], extra: readonly ClauseId[]): Outcome => (extra.length === 0 ? specified : implementationDefined)(
    state, { kind: 'int', value: 0 }, [...cites, ...extra], { value: { kind: 'deplist', objects } });
  const listings = own.length === all.length ? [listing(all, [])]
    : [listing(all, ['noreloc.deplist.extra']), listing(own, ['noreloc.deplist.extra'])];
  if (own.length === 0 || !world.profile.has('noreloc.deplist.refcount')) return listings;
  // Whether the listed handles carry open counts of their own is not said (noreloc.deplist.refcount):
  // the same listings with each non-system dependency held once more.
  const gap = 'whether the handles RTLD_DI_DEPLIST returns carry open counts of their own is not said';
  const counted: ModelState = { ...state, objects: state.objects.map((o) => (own.includes(o.id) ? { ...o, refs: o.refs + 1 } : o)) };
  return [...listings, ...listings.map((o) => ({ ...o, next: counted, firmness: 'unspecified' as const, gap,
    cites: [...o.cites, 'noreloc.deplist.refcount' as const] }))];
}

/** The requests that take the handle's object as it is, once any relocation they trigger is done. */
function answer(state: ModelState, world: World, id: number, request: Request): Outcomes {
  const object = objectAt(state, id);
  switch (request) {
    case 'RTLD_DI_LINKMAP':
      return [specified(state, { kind: 'int', value: 0 }, ['base.dlinfo.linkmap'], { value: { kind: 'dlinfo', object: id, request } })];
    case 'RTLD_DI_LMID': {
      const viaDlmem = object.via === 'dlmem' && object.ns !== 0 && world.profile.has('dlmem.args.nsid-newlm');
      return [specified(state, { kind: 'int', value: 0 }, [viaDlmem ? 'dlmem.args.nsid-newlm' : 'base.dlmopen.newlm'],
        { value: { kind: 'ns', ns: object.ns } })];
    }
    case 'RTLD_DI_ORIGIN': {
      const value = { kind: 'dlinfo', object: id, request } as const;
      if (object.via !== 'dlmem' || !world.profile.has('dlmem.names.origin')) {
        // The directory (glibc), or an unsupported request (musl): base.dlinfo.origin.
        return [implementationDefined(state, { kind: 'int', value: 0 }, ['base.dlinfo.origin'], { value }),
          failure(state, { kind: 'int', value: -1 }, 'unspecified', ['base.dlinfo.origin'], 'implementation-defined')];
      }
      const gap = 'an object from memory has no directory: what dlinfo(RTLD_DI_ORIGIN) returns for it is not said';
      return [unspecified(state, { kind: 'int', value: 0 }, ['dlmem.names.origin'], gap, { value }),
        failure(state, { kind: 'int', value: -1 }, 'unspecified', ['dlmem.names.origin'], 'unspecified', gap)];
    }
    default:
      return [failure(state, { kind: 'int', value: -1 }, 'unspecified', ['base.dlinfo.bad-request'])];
  }
}

/** Argument validation: the handle must be live (base.dlclose.bad-handle). */
function checks(state: ModelState, call: Dlinfo): Outcomes | number {
  const handle = resolveHandle(state, call.handle, 'dlinfo');
  return handle.ok ? handle.id : [handle.outcome];
}

/** The request: the move queries never relocate; every other request relocates an unrelocated object first. */
function core(state: ModelState, call: Dlinfo, world: World, id: number): Outcomes {
  const request = requestOf(call.request, world);
  const what = `dlinfo(${typeof call.request === 'number' ? call.request : call.request})`;
  const failRet = { kind: 'int', value: -1 } as const;
  if (request === 'RTLD_DI_MAPINFO' || request === 'RTLD_DI_DEPLIST') {
    const query = (s: ModelState): Outcomes => (request === 'RTLD_DI_MAPINFO' ? mapinfo(s, id, world) : deplist(s, id, world));
    return objectAt(state, id).status === 'failed' ? afterFailure(state, world, id, failRet, what, query, false) : query(state);
  }
  return afterTrigger(state, world, id, { what, cites: world.profile.has('noreloc.trigger.dlinfo-other') ? ['noreloc.trigger.dlinfo-other'] : [], failRet, onBranch: false }, (s) => answer(s, world, id, request));
}

/**
 * dlinfo: RTLD_DI_LINKMAP (base.dlinfo.linkmap), RTLD_DI_LMID (binds `{ kind: 'ns' }`),
 * RTLD_DI_ORIGIN (base.dlinfo.origin; for a dlmem object dlmem.names.origin leaves it open), and
 * in norelocate-v2 RTLD_DI_MAPINFO (noreloc.mapinfo.*) and RTLD_DI_DEPLIST (noreloc.deplist.*),
 * which do not relocate (noreloc.trigger.move-queries-exempt) while every other request on an
 * unrelocated handle does (noreloc.trigger.dlinfo-other). A request the loader does not define
 * returns -1 (base.dlinfo.bad-request). The filled structure is bound to `call.as`.
 */
export const dlinfo: Transition<CallOf<'dlinfo'>> = (state, call, world) => {
  const checked = checks(state, call);
  const outcomes = typeof checked === 'number' ? core(state, call, world, checked) : checked;
  return outcomes.map((o) => finish(o, call.as));
};
