/**
 * Script variables: binding the values calls return, and reading them back as the handles,
 * regions and symbols later calls name.
 *
 * @module
 */
import type { ModelState, Region, Value } from '../types/state.js';
import { isLive, objectAt } from './objects.js';

/** Binds `value` to `name` (no-op without a name). */
export function bind(state: ModelState, name: string | undefined, value: Value | undefined): ModelState {
  if (name === undefined || value === undefined) return state;
  const vars = new Map(state.vars);
  vars.set(name, value);
  return { ...state, vars };
}

/**
 * The live object a handle variable refers to, or undefined when the variable holds no handle
 * or its object was closed (a call with such a handle is undefined behaviour).
 */
export function handleOf(state: ModelState, name: string): number | undefined {
  const value = state.vars.get(name);
  if (value?.kind !== 'handle') return undefined;
  return isLive(objectAt(state, value.object)) ? value.object : undefined;
}

/** A copy of the state with `region` stored under its id. */
export function withRegion(state: ModelState, region: Region): ModelState {
  const regions = new Map(state.regions);
  regions.set(region.id, region);
  return { ...state, regions };
}
