/**
 * The explorer's state hashing: two states that no letter can tell apart get one key. Left out:
 * - objects that were closed, and their constructor and destructor events (a closed object is
 *   found by no lookup; the live ones are renumbered in order);
 * - which clauses decided a pending dlerror() message (that one is pending, and its errno, stay);
 * - what the script named along the way: the variables a letter binds for its own next call,
 *   handles bound to NULL, regions no live object reads from or sits in (the regions that remain
 *   are renamed in the order the objects name them).
 *
 * @module
 */
import type { LoadedObject, ModelState, Region } from '../types/state.js';
import { isLive } from '../state/objects.js';

/** The regions a live object reads from or sits in, in object order. */
function namedRegions(live: readonly LoadedObject[]): readonly string[] {
  const names: string[] = [];
  const add = (name: string | undefined): void => { if (name !== undefined && !names.includes(name)) names.push(name); };
  for (const o of live) {
    add(o.source?.region);
    if (o.placement.kind !== 'loader') add(o.placement.region);
  }
  return names;
}

/** The part of a key that depends on the objects alone, kept per objects array. */
interface ObjectsPart {
  readonly json: string;
  readonly number: ReadonlyMap<number, number>;
  readonly regions: readonly string[];
}

const objectParts = new WeakMap<readonly LoadedObject[], ObjectsPart>();
const eventParts = new WeakMap<ModelState['events'], WeakMap<readonly LoadedObject[], string>>();
/** What an object is, apart from its number and the names of its regions, as a small number. */
const stableParts = new WeakMap<LoadedObject | Region, number>();
const interned = new Map<string, number>();

/** The interned text of an object or region without the fields renumbering changes. */
function stable(value: LoadedObject | Region, text: () => string): number {
  let n = stableParts.get(value);
  if (n === undefined) {
    const t = text();
    n = interned.get(t);
    if (n === undefined) { n = interned.size; interned.set(t, n); }
    stableParts.set(value, n);
  }
  return n;
}

function objectsPart(all: readonly LoadedObject[]): ObjectsPart {
  const cached = objectParts.get(all);
  if (cached !== undefined) return cached;
  const live = all.filter(isLive);
  const number = new Map(live.map((o, i) => [o.id, i]));
  const id = (object: number): number => number.get(object) ?? -1;
  const regions = namedRegions(live);
  const json = live.map((o) => {
    const n = stable(o, () => JSON.stringify({
      ...o, id: 0, deps: [], ...(o.source === undefined ? {} : { source: { ...o.source, region: '' } }),
      placement: o.placement.kind === 'loader' ? o.placement : { ...o.placement, region: '' },
    }));
    const src = o.source === undefined ? '' : regions.indexOf(o.source.region);
    const place = o.placement.kind === 'loader' ? '' : regions.indexOf(o.placement.region);
    return `${n}:${o.deps.map(id).join('.')}:${src}:${place}`;
  }).join(',');
  const part = { json, number, regions };
  objectParts.set(all, part);
  return part;
}

function eventsPart(state: ModelState, number: ReadonlyMap<number, number>): string {
  let byObjects = eventParts.get(state.events);
  if (byObjects === undefined) { byObjects = new WeakMap(); eventParts.set(state.events, byObjects); }
  let text = byObjects.get(state.objects);
  if (text === undefined) {
    text = state.events.filter((e) => number.has(e.object)).map((e) => `${e.kind}${number.get(e.object) ?? -1}`).join(',');
    byObjects.set(state.objects, text);
  }
  return text;
}

/** The key of `state`: equal for states no letter of the alphabet can tell apart. */
export function canonicalKey(state: ModelState): string {
  const { json, number, regions } = objectsPart(state.objects);
  const id = (object: number): number => number.get(object) ?? -1;
  const handles = new Set<number>();
  for (const v of state.vars.values()) if (v.kind === 'handle' && number.has(v.object)) handles.add(id(v.object));
  const data = state.data.size === 0 ? '' : [...state.data.entries()].map(([k, v]) => {
    const [object, symbol] = k.split(':');
    return `${id(Number(object))}:${symbol ?? ''}=${v}`;
  }).sort().join(',');
  const regionsJson = regions.map((name) => {
    const r = state.regions.get(name);
    return r === undefined ? name : `${stable(r, () => JSON.stringify({ ...r, id: '', copyOf: 0 }))}:${r.copyOf === undefined ? '' : id(r.copyOf)}`;
  }).join(',');
  return `${json}|${regionsJson}|${[...handles].sort((a, b) => a - b).join(',')}|${state.namespaces}|${eventsPart(state, number)}|${state.dlerror?.errno ?? ''}|${data}`;
}
