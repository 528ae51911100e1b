/**
 * dladdr(addr, &info).
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { BufferRef, CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { LoadedObject, ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { specified, undefinedBehaviour, unspecified } from '../outcome/build.js';
import { isLive, objectAt } from '../state/objects.js';
import { imageExtent } from './lib/image.js';
import { finish } from './lib/result.js';

type Dladdr = CallOf<'dladdr'>;

/** Where the address is: in a live object, or in none. */
type Located = { readonly object: number } | { readonly object: undefined };

/** The object whose extent holds `offset` bytes into a caller region (premap or moved placement). */
function inRegion(state: ModelState, world: World, ref: BufferRef): Located {
  const holder = state.objects.find((o) => isLive(o) && o.placement.kind !== 'loader' && o.placement.region === ref.region);
  if (holder === undefined) return { object: undefined };
  const length = imageExtent(world, holder.image).length;
  const offset = ref.offset ?? 0;
  return offset >= 0 && offset < length ? { object: holder.id } : { object: undefined };
}

/** Argument validation: the address is a bound symbol (or the NULL a failed dlsym bound) or a region. */
function checks(state: ModelState, call: Dladdr, world: World): Located {
  const address = call.address;
  if ('region' in address) {
    if (!state.regions.has(address.region)) throw new Error(`script error: dladdr names region '${address.region}', never mapped`);
    return inRegion(state, world, address);
  }
  const value = state.vars.get(address.symbol);
  if (value?.kind === 'null') return { object: undefined };
  if (value?.kind !== 'symbol') throw new Error(`script error: '${address.symbol}' holds no symbol address`);
  return isLive(objectAt(state, value.object)) ? { object: value.object } : { object: undefined };
}

/** The clauses that say what dli_fname and dli_fbase hold for this object, besides base.dladdr.fields. */
function fieldCites(world: World, object: LoadedObject): readonly ClauseId[] {
  const cites: ClauseId[] = [];
  if (object.status !== 'relocated' && world.profile.has('noreloc.trigger.not-handle')) cites.push('noreloc.trigger.not-handle');
  if (object.via === 'dlmem') {
    const naming: ClauseId = object.name === '' ? 'dlmem.names.anonymous' : 'dlmem.names.soname';
    if (world.profile.has(naming)) cites.push(naming);
  }
  if (object.placement.kind === 'moved' && object.status === 'relocated' && world.profile.has('noreloc.setbase.final-layout')) {
    cites.push('noreloc.setbase.final-layout');
  }
  if (object.placement.kind === 'premap' && world.profile.has('dlmem.place.premap-base')) cites.push('dlmem.place.premap-base');
  return cites;
}

/** The answer: non-zero with the object's fields, or 0 outside every loaded object. Nothing is relocated. */
function core(state: ModelState, located: Located, world: World): Outcomes {
  if (located.object === undefined) return [specified(state, { kind: 'int', value: 0 }, ['base.dladdr.outside'])];
  const object = objectAt(state, located.object);
  const value = { value: { kind: 'dlinfo', object: object.id, request: 'dladdr' } } as const;
  const cites: ClauseId[] = ['base.dladdr.fields', ...fieldCites(world, object)];
  if (object.status === 'unrelocated' && world.profile.has('noreloc.defer.half-loaded-visible')) {
    // Whether a half-loaded object is visible to calls that take no handle is open.
    const gap = 'whether dladdr answers for an address inside an object not yet relocated is open';
    const open: ClauseId[] = [...cites, 'noreloc.defer.half-loaded-visible'];
    return [unspecified(state, { kind: 'nonzero' }, open, gap, value),
      unspecified(state, { kind: 'int', value: 0 }, ['noreloc.defer.half-loaded-visible', ...fieldCites(world, object)], gap)];
  }
  return [specified(state, { kind: 'nonzero' }, cites, value)];
}

/**
 * dladdr: for an address inside a loaded object, non-zero with the object's name and base
 * (base.dladdr.fields; the name of a dlmem object per dlmem.names.anonymous / dlmem.names.soname,
 * the base of a moved object per noreloc.setbase.final-layout); for any other address, 0
 * (base.dladdr.outside). It takes no handle, so it relocates nothing (noreloc.trigger.not-handle).
 * Binds `{ kind: 'dlinfo', object, request: 'dladdr' }` (the Dl_info's object) to `call.as`.
 */
export const dladdr: Transition<CallOf<'dladdr'>> = (state, call, world) => {
  // An address an earlier step with undefined behaviour (or an unspecified `any` return) bound: anything goes.
  if ('symbol' in call.address && state.vars.get(call.address.symbol)?.kind === 'unknown') {
    return [finish(undefinedBehaviour(state, ['base.dlsym.missing'], `dladdr of '${call.address.symbol}', which an earlier undefined or unspecified step bound`), call.as)];
  }
  return core(state, checks(state, call, world), world).map((o) => finish(o, call.as));
};
