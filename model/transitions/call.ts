/**
 * Calling a function whose address dlsym returned.
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { specified, unspecified } from '../outcome/build.js';
import { factsOf } from './lib/image.js';
import { releasedSourceCites } from './lib/released.js';
import { finish } from './lib/result.js';
import { type SymbolTarget, symbolTarget } from './lib/symbol.js';

type Call = CallOf<'call'>;

/** Argument validation: the variable holds the address of a live function the fixture describes. */
function checks(state: ModelState, call: Call, world: World): SymbolTarget & { readonly result?: number } {
  const target = symbolTarget(state, call.symbol, 'call');
  if (!target.ok) return target;
  const result = target.object.system ? undefined : factsOf(world, target.object.image).functions.get(target.name);
  if (result === undefined) throw new Error(`script error: '${target.name}' is not a function the fixture describes`);
  return { ...target, result };
}

/** Runs the function: its fixture's return value once the object is relocated. */
function core(state: ModelState, target: Extract<SymbolTarget, { ok: true }>, result: number, world: World): Outcomes {
  const { object } = target;
  if (object.status === 'relocated') {
    const shows = object.via === 'dlmem' ? world.images.get(object.image)?.shows?.get(target.name) ?? [] : [];
    return [specified(state, { kind: 'int', value: result }, ['base.dlsym.found', ...shows, ...releasedSourceCites(state, world, object)])];
  }
  const failed = object.status === 'failed';
  return [unspecified(state, { kind: 'any' }, [failed ? 'noreloc.dlrelocate.failure-state' : 'noreloc.defer.relocation'],
    `calling code of an object ${failed ? 'whose relocation failed' : 'not yet relocated'}: what it does is not said`)];
}

/**
 * call: a function found by dlsym runs the object's code (base.dlsym.found) and returns what the
 * fixture says. The object must be relocated: calling into an unrelocated one (an address only
 * RTLD_DEFAULT's open lookup or the first form can hand out) is not covered. The NULL of a failed
 * dlsym, or a function of an unloaded object, is undefined behaviour. Binds the int to `call.as`.
 */
export const call: Transition<CallOf<'call'>> = (state, c, world) => {
  const target = checks(state, c, world);
  const outcomes = target.ok ? core(state, target, target.result as number, world) : [target.outcome];
  return outcomes.map((o) => finish(o, c.as));
};
