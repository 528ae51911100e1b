import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import { initialState } from '../state/initial.js';
import { objectAt } from '../state/objects.js';
import { testWorld } from '../testing/world.js';
import { DEFER, NOW, ctorCount, one, outcomesOf, rwRegion, stateAfter } from './lib/chain.js';

const v1 = testWorld('norelocate-v1');
const v2 = testWorld('norelocate-v2');
const reloc = (handle = 'h', base?: string): Call => ({ type: 'dlrelocate', handle, ...(base === undefined ? {} : { base }) });
const firm = (o: Outcome): boolean => o.firmness === 'specified';
const deferred = (world = v2, file = 'ctor') => stateAfter(world, [{ call: { type: 'dlopen', as: 'h', file, mode: DEFER }, pick: firm }]);

describe('dlrelocate (second form)', () => {
  it('relocates an unrelocated object, runs its constructors and returns 0 (noreloc.dlrelocate.first)', () => {
    const o = one(outcomesOf(v2, deferred(), reloc()));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'specified', error: { kind: 'none' } });
    expect(o.cites).toContain('noreloc.dlrelocate.first');
    expect(o.effects).toEqual([{ kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
    expect(ctorCount(o.next, 1)).toBe(1);
  });

  it('fails with EINVAL and runs nothing on a relocated object (noreloc.dlrelocate.already)', () => {
    const s = stateAfter(v2, [reloc()], deferred());
    const o = one(outcomesOf(v2, s, reloc()));
    expect(o).toMatchObject({ ret: { kind: 'int', value: -1 }, error: { kind: 'error', errno: 'EINVAL' }, cites: ['noreloc.dlrelocate.already'] });
    expect(o.effects).toEqual([]);
    expect(ctorCount(o.next, 1)).toBe(1);
  });

  it('fails with EINVAL on a handle opened without the bit, the main program\'s included (noreloc.dlrelocate.plain-handle)', () => {
    const s = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlopen', as: 'main', file: null, mode: NOW }]);
    for (const handle of ['h', 'main']) {
      const o = one(outcomesOf(v2, s, reloc(handle)));
      expect(o).toMatchObject({ ret: { kind: 'int', value: -1 }, error: { kind: 'error', errno: 'EINVAL' }, cites: ['noreloc.dlrelocate.plain-handle'] });
    }
  });

  it('returns -1, runs no constructor and leaves the object failed when relocation fails (noreloc.dlrelocate.failure)', () => {
    const o = one(outcomesOf(v2, deferred(v2, 'undef-data'), reloc()));
    expect(o.ret).toEqual({ kind: 'int', value: -1 });
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.dlrelocate.failure', 'noreloc.dlrelocate.first']));
    expect(o.error).toEqual({ kind: 'error', errno: 'unspecified', except: 'EINVAL' });
    expect(o.next.events).toEqual([]);
    expect(objectAt(o.next, 1).status).toBe('failed');
  });

  it('leaves a second call after a failure open: retry, go ahead, EINVAL or the same failure (noreloc.dlrelocate.after-failure)', () => {
    const s = stateAfter(v2, [reloc()], deferred(v2, 'undef-data'));
    const outcomes = outcomesOf(v2, s, reloc());
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.dlrelocate.after-failure'))).toBe(true);
    expect(outcomes.map((o) => (o.error.kind === 'error' ? o.error.errno : 'none'))).toEqual(['unspecified', 'none', 'EINVAL', 'unspecified']);
  });

  it('leaves lazily bound references to the loader (noreloc.dlrelocate.lazy)', () => {
    const s = deferred(v2, 'undef-func');
    const lazy = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'undef-func', mode: { flags: ['RTLD_LAZY', 'RTLD_NORELOCATE'] } }]);
    expect(one(outcomesOf(v2, s, reloc())).ret).toEqual({ kind: 'int', value: -1 });
    const outcomes = outcomesOf(v2, lazy, reloc());
    expect(outcomes.map((o) => o.ret)).toEqual([{ kind: 'int', value: 0 }, { kind: 'int', value: -1 }]);
    expect(outcomes.every((o) => o.firmness === 'implementation-defined' && o.cites.includes('noreloc.dlrelocate.lazy'))).toBe(true);
  });

  it('relocates a dependency\'s handle alone (noreloc.dlrelocate.dependency)', () => {
    const s = stateAfter(v2, [
      { call: { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER }, pick: (o) => o.firmness === 'unspecified' },
      { call: { type: 'dlinfo', as: 'deps', handle: 'h', request: 'RTLD_DI_DEPLIST' }, pick: (o) => o.value?.kind === 'deplist' && o.value.objects.length === 1 },
    ]);
    const o = one(outcomesOf(v2, s, reloc('deps[0]')));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'unspecified' });
    expect(o.cites).toContain('noreloc.dlrelocate.dependency');
    expect(o.effects).toEqual([{ kind: 'relocated', object: 2 }]);
    expect(objectAt(o.next, 1).status).toBe('unrelocated');
  });

  it('is undefined behaviour on a stale handle or with a base argument (noreloc.dlrelocate.null-handle)', () => {
    expect(one(outcomesOf(v2, initialState(), reloc('nothing')))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.dlrelocate.null-handle'] });
    expect(one(outcomesOf(v2, deferred(), reloc('h', 'dst')))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.dlrelocate.null-handle'] });
  });
});

describe('dlrelocate(handle, base) (first form)', () => {
  it('relocates at base where the caller placed a copy, running constructors (noreloc.dlrelocate.v1-base)', () => {
    const s = stateAfter(v1, [{ type: 'copy-object', handle: 'h', to: 'dst' }], rwRegion(deferred(v1), 'dst', 0x4000));
    const o = one(outcomesOf(v1, s, reloc('h', 'dst')));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'specified' });
    expect(o.cites).toContain('noreloc.dlrelocate.v1-base');
    expect(objectAt(o.next, 1)).toMatchObject({ status: 'relocated', placement: { kind: 'moved', region: 'dst' } });
    expect(ctorCount(o.next, 1)).toBe(1);
  });

  it('is undefined behaviour without the copy, or without a base (noreloc.setbase.caller-copy)', () => {
    const s = rwRegion(deferred(v1), 'dst', 0x4000);
    expect(one(outcomesOf(v1, s, reloc('h', 'dst')))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.setbase.caller-copy'] });
    expect(one(outcomesOf(v1, s, reloc('h')))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.dlrelocate.v1-base', 'noreloc.setbase.caller-copy'] });
  });
});
