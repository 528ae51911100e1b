import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import { initialState } from '../state/initial.js';
import { objectAt } from '../state/objects.js';
import { STANDARD_IMAGES, testWorld } from '../testing/world.js';
import { DEFER, NOW, ctorCount, one, outcomesOf, rwRegion, stateAfter } from './lib/chain.js';

const v1 = testWorld('norelocate-v1');
const v2 = testWorld('norelocate-v2');
const br = testWorld('norelocate-branch');
const EINVAL = 22;
const reloc = (handle = 'h', base?: string): Call => ({ type: 'dlrelocate', handle, ...(base === undefined ? {} : { base }) });
const firm = (o: Outcome): boolean => o.firmness === 'specified';
const deferred = (world = v2, file = 'ctor') => stateAfter(world, [{ call: { type: 'dlopen', as: 'h', file, mode: DEFER }, pick: firm }]);
/** The first form leaves the dependencies open (noreloc.defer.deps-v1): relocated at dlopen, or left with the object. */
const deferredV1 = (depsRelocated: boolean) => stateAfter(v1, [{
  call: { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER },
  pick: (o) => objectAt(o.next, 2).status === (depsRelocated ? 'relocated' : 'unrelocated'),
}]);

describe('dlrelocate (second form)', () => {
  it('relocates an unrelocated object, runs its constructors and returns 0 (noreloc.dlrelocate.first)', () => {
    const o = one(outcomesOf(v2, deferred(), reloc()));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'specified', error: { kind: 'none' } });
    expect(o.cites).toContain('noreloc.dlrelocate.first');
    expect(o.effects).toEqual([{ kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
    expect(ctorCount(o.next, 1)).toBe(1);
  });

  it('returns EINVAL itself and runs nothing on a relocated object (noreloc.dlrelocate.already)', () => {
    const s = stateAfter(v2, [reloc()], deferred());
    const o = one(outcomesOf(v2, s, reloc()));
    expect(o).toMatchObject({ ret: { kind: 'int', value: EINVAL }, error: { kind: 'error', errno: 'EINVAL' }, firmness: 'specified' });
    expect(o.cites).toContain('noreloc.dlrelocate.already');
    expect(o.cites).not.toContain('noreloc.dlrelocate.already-branch');
    expect(o.effects).toEqual([]);
    expect(ctorCount(o.next, 1)).toBe(1);
  });

  it('returns -1 with a message and runs nothing on a relocated object on the branch (noreloc.dlrelocate.already-branch)', () => {
    const s = stateAfter(br, [reloc()], deferred(br));
    const o = one(outcomesOf(br, s, reloc()));
    expect(o).toMatchObject({ ret: { kind: 'int', value: -1 }, error: { kind: 'error', errno: 'unspecified' }, firmness: 'specified' });
    expect(o.cites).toContain('noreloc.dlrelocate.already-branch');
    expect(o.cites).not.toContain('noreloc.dlrelocate.already');
    expect(o.next.dlerror).not.toBeNull();
    expect(o.effects).toEqual([]);
    expect(ctorCount(o.next, 1)).toBe(1);
  });

  it('returns EINVAL itself on a handle opened without the bit, the main program\'s included (noreloc.dlrelocate.plain-handle)', () => {
    const s = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlopen', as: 'main', file: null, mode: NOW }]);
    for (const handle of ['h', 'main']) {
      const o = one(outcomesOf(v2, s, reloc(handle)));
      expect(o).toMatchObject({ ret: { kind: 'int', value: EINVAL }, error: { kind: 'error', errno: 'EINVAL' }, cites: ['noreloc.dlrelocate.plain-handle'] });
      expect(o.effects).toEqual([]);
    }
  });

  it('returns -1 with a message on a handle opened without the bit on the branch (noreloc.dlrelocate.plain-handle-branch)', () => {
    const s = stateAfter(br, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlopen', as: 'main', file: null, mode: NOW }]);
    for (const handle of ['h', 'main']) {
      const o = one(outcomesOf(br, s, reloc(handle)));
      expect(o).toMatchObject({ ret: { kind: 'int', value: -1 }, error: { kind: 'error' }, cites: ['noreloc.dlrelocate.plain-handle-branch'] });
      expect(o.next.dlerror).not.toBeNull();
      expect(o.effects).toEqual([]);
    }
  });

  it('returns a non-zero error other than EINVAL, runs no constructor and leaves the object failed when relocation fails (noreloc.dlrelocate.failure)', () => {
    const o = one(outcomesOf(v2, deferred(v2, 'undef-data'), reloc()));
    expect(o.ret).toEqual({ kind: 'nonzero' });
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.dlrelocate.failure', 'noreloc.dlrelocate.first']));
    expect(o.cites).not.toContain('noreloc.dlrelocate.failure-branch');
    expect(o.error).toEqual({ kind: 'error', errno: 'unspecified', except: 'EINVAL' });
    expect(o.next.events).toEqual([]);
    expect(objectAt(o.next, 1).status).toBe('failed');
  });

  it('returns -1 with a message, runs no constructor and leaves the object failed when relocation fails on the branch (noreloc.dlrelocate.failure-branch)', () => {
    const o = one(outcomesOf(br, deferred(br, 'undef-data'), reloc()));
    expect(o.ret).toEqual({ kind: 'int', value: -1 });
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.dlrelocate.failure-branch', 'noreloc.dlrelocate.first']));
    expect(o.cites).not.toContain('noreloc.dlrelocate.failure');
    expect(o.next.dlerror).not.toBeNull();
    expect(o.next.events).toEqual([]);
    expect(objectAt(o.next, 1).status).toBe('failed');
  });

  it('leaves a second call after a failure open between a retry, EINVAL and the same failure, never success without constructors (noreloc.dlrelocate.after-failure)', () => {
    const s = stateAfter(v2, [reloc()], deferred(v2, 'undef-data'));
    const outcomes = outcomesOf(v2, s, reloc());
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.dlrelocate.after-failure'))).toBe(true);
    expect(outcomes.map((o) => (o.error.kind === 'error' ? o.error.errno : 'none'))).toEqual(['unspecified', 'EINVAL', 'unspecified']);
    expect(outcomes.some((o) => o.ret.kind === 'int' && o.ret.value === 0)).toBe(false);
  });

  it('lets a later dlrelocate succeed only with the constructors run, or fail by the profile\'s convention (noreloc.dlrelocate.after-failure)', () => {
    // 'needy' fails to relocate until 'late', loaded global afterwards, defines the symbol it needs.
    const images = [...STANDARD_IMAGES, { name: 'needy', reports: true, functions: { n: 1 },
      undefinedRefs: [{ name: 'late_sym', type: 'object' as const, viaPlt: false }] }, { name: 'late', data: { late_sym: 3 } }];
    for (const [profile, failed] of [['norelocate-v2', { kind: 'nonzero' }], ['norelocate-branch', { kind: 'int', value: -1 }]] as const) {
      const world = testWorld(profile, images);
      const s = stateAfter(world, [{ type: 'dlopen', as: 'h', file: 'needy', mode: DEFER }, reloc(),
        { type: 'dlopen', as: 'l', file: 'late', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL'] } }]);
      expect(objectAt(s, 1).status).toBe('failed');
      const outcomes = outcomesOf(world, s, reloc());
      expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.dlrelocate.after-failure'))).toBe(true);
      const [retried, ...failures] = outcomes;
      expect(retried).toMatchObject({ ret: { kind: 'int', value: 0 }, error: { kind: 'none' } });
      expect(retried?.effects).toEqual([{ kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
      expect(retried && objectAt(retried.next, 1).status).toBe('relocated');
      expect(failures.map((o) => o.ret)).toEqual([failed, failed]);
      expect(failures.every((o) => o.error.kind === 'error' && o.effects.length === 0 && objectAt(o.next, 1).status === 'failed')).toBe(true);
      // No success without the constructors.
      expect(outcomes.filter((o) => o.ret.kind === 'int' && o.ret.value === 0).every((o) => ctorCount(o.next, 1) === 1)).toBe(true);
    }
  });

  it('leaves lazily bound references to the loader (noreloc.dlrelocate.lazy)', () => {
    const s = deferred(v2, 'undef-func');
    const lazy = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'undef-func', mode: { flags: ['RTLD_LAZY', 'RTLD_NORELOCATE'] } }]);
    expect(one(outcomesOf(v2, s, reloc())).ret).toEqual({ kind: 'nonzero' });
    const outcomes = outcomesOf(v2, lazy, reloc());
    expect(outcomes.map((o) => o.ret)).toEqual([{ kind: 'int', value: 0 }, { kind: 'nonzero' }]);
    expect(outcomes.every((o) => o.firmness === 'implementation-defined' && o.cites.includes('noreloc.dlrelocate.lazy'))).toBe(true);
  });

  it('refuses a still unrelocated dependency\'s handle with -1 and relocates nothing on the branch (noreloc.dlrelocate.dependency)', () => {
    const s = stateAfter(br, [
      { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER },
      { call: { type: 'dlinfo', as: 'deps', handle: 'h', request: 'RTLD_DI_DEPLIST' }, pick: (o) => o.value?.kind === 'deplist' && o.value.objects.length === 1 },
    ]);
    expect(objectAt(s, 2).status).toBe('unrelocated');
    const o = one(outcomesOf(br, s, reloc('deps[0]')));
    expect(o).toMatchObject({ ret: { kind: 'int', value: -1 }, firmness: 'specified', error: { kind: 'error' } });
    expect(o.cites).toEqual(['noreloc.dlrelocate.dependency', 'noreloc.defer.deps-deferred']);
    expect(o.next.dlerror).not.toBeNull();
    expect(o.effects).toEqual([]);
    expect(objectAt(o.next, 1).status).toBe('unrelocated');
    expect(objectAt(o.next, 2).status).toBe('unrelocated');
    // The dependency is relocated with the object that loaded it, before it (noreloc.defer.deps-deferred).
    const whole = one(outcomesOf(br, o.next, reloc('h')));
    expect(whole).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'specified' });
    expect(whole.effects).toEqual([{ kind: 'relocated', object: 2 }, { kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
  });

  it('is undefined behaviour on a stale handle or with a base argument (noreloc.dlrelocate.null-handle)', () => {
    expect(one(outcomesOf(v2, initialState(), reloc('nothing')))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.dlrelocate.null-handle'] });
    expect(one(outcomesOf(v2, deferred(), reloc('h', 'dst')))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.dlrelocate.null-handle'] });
  });
});

describe('dlrelocate of an object whose dependencies stay unrelocated with it (noreloc.defer.deps-deferred)', () => {
  it('relocates the whole chain of unrelocated dependencies, deepest constructor first, found by TLA+ trace validation', () => {
    const chain = testWorld('norelocate-branch', [...STANDARD_IMAGES,
      { name: 'top', needed: ['libmid.so'], functions: { t: 1 }, reports: true },
      { name: 'mid', needed: ['libplain.so'], functions: { m: 1 }, reports: true }]);
    const s = stateAfter(chain, [{ type: 'dlopen', as: 'h', file: 'top', mode: DEFER }]);
    expect(s.objects.slice(1).map((o) => `${o.image}:${o.status}`)).toEqual(['top:unrelocated', 'mid:unrelocated', 'plain:unrelocated', 'libc.so.6:relocated']);
    const o = one(outcomesOf(chain, s, reloc()));
    expect(o.next.objects.slice(1).map((x) => x.status)).toEqual(['relocated', 'relocated', 'relocated', 'relocated']);
    expect(o.effects.filter((e) => e.kind === 'ctor')).toEqual([{ kind: 'ctor', object: 2 }, { kind: 'ctor', object: 1 }]);
  });
});

describe('dlrelocate(handle, base) (first form)', () => {
  it('relocates at base where the caller placed a copy, running constructors (noreloc.dlrelocate.v1-base)', () => {
    for (const depsRelocated of [true, false]) {
      const s = stateAfter(v1, [{ type: 'copy-object', handle: 'h', to: 'dst' }], rwRegion(deferredV1(depsRelocated), 'dst', 0x4000));
      const o = one(outcomesOf(v1, s, reloc('h', 'dst')));
      expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'specified' });
      expect(o.cites).toContain('noreloc.dlrelocate.v1-base');
      expect(objectAt(o.next, 1)).toMatchObject({ status: 'relocated', placement: { kind: 'moved', region: 'dst' } });
      // A dependency left unrelocated at dlopen is relocated first, where it was loaded.
      expect(objectAt(o.next, 2)).toMatchObject({ status: 'relocated', placement: { kind: 'loader' } });
      expect(o.effects.filter((e) => e.kind === 'relocated').map((e) => e.object)).toEqual(depsRelocated ? [1] : [2, 1]);
      expect(ctorCount(o.next, 1)).toBe(1);
    }
  });

  it('is undefined behaviour without the copy, or without a base (noreloc.setbase.caller-copy)', () => {
    for (const depsRelocated of [true, false]) {
      const s = rwRegion(deferredV1(depsRelocated), 'dst', 0x4000);
      expect(one(outcomesOf(v1, s, reloc('h', 'dst')))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.setbase.caller-copy'] });
      expect(one(outcomesOf(v1, s, reloc('h')))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.dlrelocate.v1-base', 'noreloc.setbase.caller-copy'] });
    }
  });
});
