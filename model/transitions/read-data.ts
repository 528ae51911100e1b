/**
 * Reading an int data symbol whose address dlsym returned, directly or through a second mapping
 * of the shared memory the object lives in.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { LoadedObject, ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { specified, unspecified } from '../outcome/build.js';
import { factsOf } from './lib/image.js';
import { releasedSourceCites } from './lib/released.js';
import { finish } from './lib/result.js';
import { dataKey, symbolTarget } from './lib/symbol.js';

type ReadData = CallOf<'read-data'>;

/** The value an int data symbol holds now: the last value written, else the image's initialiser. */
export function currentValue(state: ModelState, world: World, object: LoadedObject, symbol: string): number {
  const written = state.data.get(dataKey(object.id, symbol));
  if (written !== undefined) return written;
  const initial = object.system ? undefined : factsOf(world, object.image).data.get(symbol);
  if (initial === undefined) throw new Error(`script error: '${symbol}' is not an int data symbol the fixture describes`);
  return initial;
}

/**
 * Reading through `via`, the premap mapping the object was placed in: with DLMEM_DONTREPLACE
 * the mapping was kept and, when it is shared memory, shows the object's data
 * (dlmem.place.dontreplace-shared); without it the object's pages replaced the mapping's
 * (dlmem.place.premap-replaced), so what the mapping shows is not said.
 */
function throughMapping(state: ModelState, world: World, object: LoadedObject, via: string, value: number): Outcomes {
  const placement = object.placement;
  if (placement.kind !== 'premap' || placement.region !== via || !world.profile.has('dlmem.place.dontreplace-shared')) {
    throw new Error(`script error: read-data via '${via}' is modelled only for an object placed in that premap mapping`);
  }
  if (placement.kept) return [specified(state, { kind: 'int', value }, ['dlmem.place.dontreplace-shared'])];
  return [unspecified(state, { kind: 'any' }, ['dlmem.place.premap-replaced'],
    'the object\'s pages replaced those of the premap mapping: what a second mapping of it shows is not said')];
}

/**
 * Whether the object's pages may show writes the caller made to its shared source since dlmem
 * (dlmem.source.shared-later-writes): an object from a MAP_SHARED source (file, memfd or
 * anonymous shared memory) that was not explicitly copied, whose bytes changed since.
 */
function laterSourceWrite(state: ModelState, object: LoadedObject): boolean {
  const source = object.source === undefined ? undefined : state.regions.get(object.source.region);
  if (object.source === undefined || source === undefined || object.backing !== 'zero-copy-or-copy') return false;
  const shared = source.kind === 'file-shared' || source.kind === 'memfd-shared' || source.kind === 'anon-shared';
  // Even a value the program stored through the object may be overwritten by a later write to a shared source.
  return shared && (source.writes ?? 0) > object.source.writes;
}

/** Argument validation: the variable holds the address of a live symbol. */
function checks(state: ModelState, call: ReadData): ReturnType<typeof symbolTarget> {
  return symbolTarget(state, call.symbol, 'read-data');
}

/** The read: relocated data directly (base.dlsym.found), an unrelocated object's readable image (noreloc.defer.readable). */
function core(state: ModelState, call: ReadData, world: World, object: LoadedObject, symbol: string): Outcomes {
  const value = currentValue(state, world, object, symbol);
  if (call.via !== undefined) return throughMapping(state, world, object, call.via, value);
  if (laterSourceWrite(state, object)) {
    return [unspecified(state, { kind: 'any' }, ['dlmem.source.shared-later-writes'],
      'the shared source was written after dlmem: whether the object\'s pages show it is not said')];
  }
  if (object.status === 'relocated') return [specified(state, { kind: 'int', value }, ['base.dlsym.found', ...releasedSourceCites(state, world, object)])];
  if (object.status === 'unrelocated') return [specified(state, { kind: 'int', value }, ['noreloc.defer.readable'])];
  return [unspecified(state, { kind: 'any' }, ['noreloc.dlrelocate.failure-state'],
    'what a failed relocation leaves in the object\'s data is open')];
}

/**
 * read-data: the int at a data symbol's address: its initial value or the last one written. With
 * `via`, the read goes through a second mapping of the shared memory the object was placed in
 * (dlmem.place.dontreplace-shared). Binds the int to `call.as`.
 */
export const readData: Transition<CallOf<'read-data'>> = (state, call, world) => {
  const target = checks(state, call);
  const outcomes = target.ok ? core(state, call, world, target.object, target.name) : [target.outcome];
  return outcomes.map((o) => finish(o, call.as));
};
