/**
 * Symbols the script holds: the object and name a variable bound by dlsym names, or the undefined
 * behaviour of using what is not (any longer) a symbol's address.
 *
 * @module
 */
import type { Outcome } from '../../types/outcome.js';
import type { LoadedObject, ModelState } from '../../types/state.js';
import { undefinedBehaviour } from '../../outcome/build.js';
import { isLive, objectAt } from '../../state/objects.js';

/** The symbol a variable holds, or the one outcome of using a bad address. */
export type SymbolTarget =
  | { readonly ok: true; readonly object: LoadedObject; readonly name: string }
  | { readonly ok: false; readonly outcome: Outcome };

/**
 * The live object and symbol `name` holds. Using the NULL a failed dlsym returned
 * (base.dlsym.missing), or an address in an object since unloaded (base.dlclose.refcount removes
 * its mappings), is undefined behaviour, and so is using what an undefined or unspecified-any
 * step bound. A variable holding no symbol at all is a script error.
 */
export function symbolTarget(state: ModelState, name: string, what: string): SymbolTarget {
  const value = state.vars.get(name);
  if (value?.kind === 'null') {
    return { ok: false, outcome: undefinedBehaviour(state, ['base.dlsym.missing'], `${what} through '${name}', the NULL a failed dlsym returned`) };
  }
  // After an earlier step's undefined behaviour (an unspecified `any` return included) the variable
  // holds whatever happened: using it is no better defined.
  if (value?.kind === 'unknown') {
    return { ok: false, outcome: undefinedBehaviour(state, ['base.dlsym.missing'], `${what} through '${name}', which an earlier step with undefined behaviour or an unspecified return bound`) };
  }
  if (value?.kind !== 'symbol') throw new Error(`script error: '${name}' holds no symbol address`);
  const object = objectAt(state, value.object);
  if (!isLive(object)) {
    return { ok: false, outcome: undefinedBehaviour(state, ['base.dlclose.refcount'], `${what} through '${name}' after its object was unloaded`) };
  }
  return { ok: true, object, name: value.name };
}

/** The key `state.data` stores an object's data symbol under. */
export function dataKey(object: number, symbol: string): string {
  return `${object}:${symbol}`;
}
