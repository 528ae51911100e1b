/**
 * Constructors, destructors and unloading: the parts of dlopen, dlrelocate and dlclose that run
 * the objects' own code or remove them.
 *
 * @module
 */
import type { Effect } from '../types/outcome.js';
import type { LifeEvent, ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import { initOrder, isLive, objectAt, updateObject, updateObjects } from '../state/objects.js';

/** A state together with the effects that produced it. */
export interface Stepped {
  /** The state after. */
  readonly state: ModelState;
  /** What happened, in order. */
  readonly effects: readonly Effect[];
}

function reportsCtor(world: World, image: string): boolean {
  return world.images.get(image)?.reportsCtor ?? false;
}

function reportsDtor(world: World, image: string): boolean {
  return world.images.get(image)?.reportsDtor ?? false;
}

/**
 * Marks the objects relocated and runs their constructors, every object after its dependencies.
 * Only fixtures whose constructor reports to the driver leave an event.
 */
export function relocateAndInit(state: ModelState, world: World, ids: readonly number[]): Stepped {
  const order = initOrder(state, ids);
  const current = updateObjects(state, order, { status: 'relocated' });
  const effects: Effect[] = [];
  const events: LifeEvent[] = [];
  for (const id of order) {
    effects.push({ kind: 'relocated', object: id });
    if (reportsCtor(world, objectAt(current, id).image)) {
      effects.push({ kind: 'ctor', object: id });
      events.push({ kind: 'ctor', object: id });
    }
  }
  return { state: events.length === 0 ? current : { ...current, events: [...current.events, ...events] }, effects };
}

/** Removes objects that a failed load entered: no constructor or destructor runs. */
export function discard(state: ModelState, ids: readonly number[]): Stepped {
  const current = updateObjects(state, ids, { status: 'closed', refs: 0 });
  return { state: current, effects: ids.map((object) => ({ kind: 'unmapped', object }) as const) };
}

/** Whether any live object other than those in `except` depends on `id`. */
function isNeeded(state: ModelState, id: number, except: readonly number[]): boolean {
  return state.objects.some((o) => isLive(o) && !except.includes(o.id) && o.deps.includes(id));
}

/**
 * Drops one reference to `id`; when nothing holds it any more it is unloaded, its destructor runs
 * (if it ran its constructor), and its dependencies that nothing else holds follow it.
 */
export function release(state: ModelState, world: World, id: number): Stepped {
  const object = objectAt(state, id);
  const refs = Math.max(0, object.refs - 1);
  let current = updateObject(state, id, { refs });
  if (refs > 0 || object.mode.flags.includes('RTLD_NODELETE') || object.system || isNeeded(current, id, [id])) {
    return { state: current, effects: [] };
  }
  const effects: Effect[] = [];
  const events: LifeEvent[] = [];
  const unloading: number[] = [];
  const queue = [id];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    const o = objectAt(current, next);
    if (o.system || !isLive(o) || unloading.includes(next)) continue;
    if (next !== id && (o.refs > 0 || isNeeded(current, next, [...unloading, next]))) continue;
    unloading.push(next);
    queue.push(...o.deps);
  }
  for (const u of unloading) {
    const o = objectAt(current, u);
    if (o.status === 'relocated' && reportsDtor(world, o.image)) {
      effects.push({ kind: 'dtor', object: u });
      events.push({ kind: 'dtor', object: u });
    }
    effects.push({ kind: 'unmapped', object: u });
    current = updateObject(current, u, { status: 'closed', refs: 0 });
  }
  return { state: { ...current, events: [...current.events, ...events] }, effects };
}
