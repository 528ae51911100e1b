/**
 * dlopen(file, mode).
 *
 * @module
 */
import type { CallOf } from '../types/calls.js';
import type { Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { type ModeProceed, validateMode, weaken } from './lib/mode.js';
import { openObject } from './lib/open-object.js';
import { finish } from './lib/result.js';

type Dlopen = CallOf<'dlopen'>;

/** Mode validation: the EINVAL failures a defective mode allows, and the ways to go on. */
function checks(state: ModelState, call: Dlopen, world: World): ReturnType<typeof validateMode> {
  return validateMode(state, call.mode, world, []);
}

/** Opening the object in the base namespace with a valid mode. */
function core(state: ModelState, call: Dlopen, world: World, proceed: ModeProceed): Outcomes {
  return openObject(state, world, { image: call.file, ns: 0, newNs: false, mode: proceed.mode, cites: [] })
    .map((o) => weaken(o, proceed.firmness, proceed.cites));
}

/**
 * dlopen: `file` null is the main program's handle; otherwise `file` names a fixture, found by
 * its file name. An object already loaded in the base namespace is opened again
 * (base.dlopen.dedup, base.dlopen.noload, and for an unrelocated object noreloc.reopen.plain /
 * noreloc.reopen.deferred-again; a relocated one opened with the bit:
 * noreloc.reopen.already-relocated). A new one is loaded with its dependencies and relocated with
 * its constructors run (base.dlopen.ctors-before-return), or, with RTLD_NORELOCATE in a norelocate
 * profile, left unrelocated (noreloc.mode.flag, noreloc.defer.*). A plain dlopen of an object that
 * depends on an unrelocated one is noreloc.dependent.plain-dlopen's open choice. A failing load
 * returns NULL (base.dlopen.missing-dependency, base.dlopen.undefined-now,
 * base.dlopen.undefined-lazy). The result is bound to `call.as`.
 */
export const dlopen: Transition<CallOf<'dlopen'>> = (state, call, world) => {
  const mode = checks(state, call, world);
  return [...mode.failures, ...mode.proceedWith.flatMap((p) => core(state, call, world, p))].map((o) => finish(o, call.as));
};
