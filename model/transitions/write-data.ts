/**
 * Writing an int data symbol whose address dlsym returned.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { LoadedObject, ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { specified, unspecified } from '../outcome/build.js';
import { finish } from './lib/result.js';
import { dataKey, symbolTarget } from './lib/symbol.js';
import { currentValue } from './read-data.js';

type WriteData = CallOf<'write-data'>;

/** Argument validation: the variable holds the address of a live int data symbol. */
function checks(state: ModelState, call: WriteData, world: World): ReturnType<typeof symbolTarget> {
  const target = symbolTarget(state, call.symbol, 'write-data');
  if (target.ok) currentValue(state, world, target.object, target.name);
  return target;
}

/** The store, recorded under "object:symbol". */
function core(state: ModelState, call: WriteData, object: LoadedObject, symbol: string): Outcomes {
  const data = new Map(state.data);
  data.set(dataKey(object.id, symbol), call.value);
  const next: ModelState = { ...state, data };
  if (object.status === 'relocated') return [specified(next, { kind: 'none' }, ['base.dlsym.found'])];
  const gap = object.status === 'failed'
    ? 'what a failed relocation leaves of the object\'s protections is open'
    : 'before relocation, whether a writable segment is already writable is implementation-defined: the store may fault';
  return [unspecified(next, { kind: 'any' }, [object.status === 'failed' ? 'noreloc.dlrelocate.failure-state' : 'noreloc.defer.final-protections'], gap)];
}

/**
 * write-data: stores an int at a data symbol's address of a relocated object (base.dlsym.found);
 * later reads see it. Before relocation the segment may not be writable yet
 * (noreloc.defer.final-protections).
 */
export const writeData: Transition<CallOf<'write-data'>> = (state, call, world) => {
  const target = checks(state, call, world);
  const outcomes = target.ok ? core(state, call, target.object, target.name) : [target.outcome];
  return outcomes.map((o) => finish(o, undefined));
};
