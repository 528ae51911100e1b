/**
 * The noreloc branch's own test, tst-noreloc, replayed through the model as a chain of steps:
 * at each step the test follows the outcome that matches what the branch's test expects, and
 * checks the model allows it.
 */
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import { initialState } from '../state/initial.js';
import { objectAt } from '../state/objects.js';
import { testWorld } from '../testing/world.js';
import { dlclose } from './dlclose.js';
import { DEFER, ctorCount, one, outcomesOf, rwRegion } from './lib/chain.js';
import { imageExtent } from './lib/image.js';

const br = testWorld('norelocate-branch');

/** A step-by-step replay that keeps the state between steps. */
class Replay {
  constructor(public state: ModelState) {}
  /** Runs a call and follows the one outcome `pick` selects. */
  do(call: Parameters<typeof outcomesOf>[2], pick?: (o: Outcome) => boolean): Outcome {
    const o = one(outcomesOf(br, this.state, call), pick);
    this.state = o.next;
    return o;
  }
  /** The object a handle variable holds. */
  object(name: string): number {
    const v = this.state.vars.get(name);
    if (v?.kind !== 'handle') throw new Error(`${name} holds no handle`);
    return v.object;
  }
}

/** move_object(): MAPINFO, and for an unrelocated object mmap + memcpy + dlset_object_base. */
function moveObject(r: Replay, handle: string, to: string): boolean {
  const info = r.do({ type: 'dlinfo', as: 'mi', handle, request: 'RTLD_DI_MAPINFO' }, (o) => o.ret.kind === 'int');
  expect(info.ret).toEqual({ kind: 'int', value: 0 });
  if (info.value?.kind !== 'mapinfo' || info.value.relocated) return false;
  const image = objectAt(r.state, info.value.object).image;
  // mmap(NULL, map_length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT): the
  // extent, not the file's length that mmap-anon's `length: 'image'` stands for.
  r.state = rwRegion(r.state, to, imageExtent(br, image).length);
  expect(r.do({ type: 'copy-object', handle, to })).toMatchObject({ firmness: 'specified', cites: ['noreloc.defer.readable'] });
  expect(r.do({ type: 'dlset-object-base', handle, base: { region: to } }).ret).toEqual({ kind: 'int', value: 0 });
  return true;
}

describe('tst-noreloc, replayed', () => {
  it('follows the branch test step by step', () => {
    const r = new Replay(initialState());

    // 1. RTLD_NOW | RTLD_NORELOCATE: a handle, no constructor yet; dlsym relocates and runs it.
    r.do({ type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER });
    const first = r.object('h');
    expect(ctorCount(r.state, first)).toBe(0);
    expect(r.do({ type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' }).ret.kind).toBe('symbol');
    expect(ctorCount(r.state, first)).toBe(1);
    r.do({ type: 'dlclose', handle: 'h' });
    expect(objectAt(r.state, first).status).toBe('closed');

    // 2. Reopen: dlrelocate runs the constructor and returns 0; a second one fails with -1, dlerror
    //    saying the object is already relocated (noreloc.dlrelocate.already-branch).
    r.do({ type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER });
    const second = r.object('h');
    expect(second).not.toBe(first);
    expect(ctorCount(r.state, second)).toBe(0);
    expect(r.do({ type: 'dlrelocate', handle: 'h' }).ret).toEqual({ kind: 'int', value: 0 });
    expect(ctorCount(r.state, second)).toBe(1);
    const again = r.do({ type: 'dlrelocate', handle: 'h' });
    expect(again).toMatchObject({ ret: { kind: 'int', value: -1 }, error: { kind: 'error' } });
    expect(again.cites).toContain('noreloc.dlrelocate.already-branch');
    expect(r.state.dlerror).not.toBeNull();
    expect(r.do({ type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' }).effects).toEqual([]);
    expect(ctorCount(r.state, second)).toBe(1);
    r.do({ type: 'dlclose', handle: 'h' });

    // 3. Reopen (the branch leaves the dependency unrelocated too: noreloc.defer.deps-deferred), move
    //    the object and each unrelocated dependency, then dlsym relocates everything at the new bases.
    expect(r.do({ type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER }).cites).toContain('noreloc.defer.deps-deferred');
    const third = r.object('h');
    expect(moveObject(r, 'h', 'dst')).toBe(true);
    const deps = r.do({ type: 'dlinfo', as: 'deps', handle: 'h', request: 'RTLD_DI_DEPLIST' },
      (o) => o.value?.kind === 'deplist' && o.value.objects.length === 2);
    expect(deps.ret).toEqual({ kind: 'int', value: 0 });
    const moved = [0, 1].map((i) => moveObject(r, `deps[${i}]`, `dep${i}`));
    expect([...moved].sort()).toEqual([false, true]);
    expect(ctorCount(r.state, third)).toBe(0);

    const ref1 = r.do({ type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' });
    expect(ctorCount(r.state, third)).toBe(1);
    expect(ref1.cites).toContain('noreloc.setbase.records');
    const info = r.do({ type: 'dladdr', as: 'info', address: { symbol: 's' } });
    expect(info.ret).toEqual({ kind: 'nonzero' });
    r.do({ type: 'dlsym', as: 's2', handle: 'h', symbol: 'cref1' });
    expect(ctorCount(r.state, third)).toBe(1);
    const info2 = r.do({ type: 'dladdr', as: 'info2', address: { symbol: 's2' } });
    expect(info2.value).not.toEqual(info.value);
    expect(objectAt(r.state, third)).toMatchObject({ status: 'relocated', placement: { kind: 'moved', region: 'dst' } });
    expect(r.state.regions.get('dst')?.below4g).toBe(true);

    // dlclose: when it unloads (base.dlclose.unload), both moved ranges may be kept or unmapped
    // (noreloc.setbase.new-range-owner); a loader may also keep the objects loaded.
    const all = dlclose(r.state, { type: 'dlclose', handle: 'h' }, br);
    const closed = all.filter((o) => o.effects.some((e) => e.kind === 'unmapped'));
    expect(closed).toHaveLength(4);
    expect(all).toHaveLength(5);
    expect(closed.every((o) => o.ret.kind === 'int' && o.ret.value === 0 && o.effects.some((e) => e.kind === 'dtor'))).toBe(true);
  });
});
