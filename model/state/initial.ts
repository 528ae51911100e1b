/**
 * The state a script starts from: the main program loaded and relocated in the base namespace,
 * no caller regions, nothing pending for dlerror().
 *
 * @module
 */
import type { ModelState } from '../types/state.js';

/** The id of the main program's object. */
export const MAIN_OBJECT = 0;

/** The initial state of every script. */
export function initialState(): ModelState {
  return {
    regions: new Map(),
    objects: [{
      id: MAIN_OBJECT, image: 'main', system: true, ns: 0, name: '', soname: undefined, refs: 1,
      status: 'relocated', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL'] }, deps: [], via: 'main',
      placement: { kind: 'loader' }, backing: 'system', global: true,
    }],
    namespaces: 1,
    events: [],
    dlerror: null,
    vars: new Map(),
    data: new Map(),
  };
}
