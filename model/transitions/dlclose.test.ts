import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import { objectAt } from '../state/objects.js';
import { testWorld } from '../testing/world.js';
import { dlclose } from './dlclose.js';
import { DEFER, NOW, one, outcomesOf, rwRegion, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const v1 = testWorld('norelocate-v1');
const v2 = testWorld('norelocate-v2');
const close = (handle = 'h'): Call => ({ type: 'dlclose', handle });
const firm = (o: Outcome): boolean => o.firmness === 'specified';

describe('dlclose: baseline', () => {
  it('runs destructors and unmaps the object and the dependencies nothing else holds at zero (base.dlclose.refcount)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }]);
    const [o, kept] = outcomesOf(v9, s, close());
    expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, cites: ['base.dlclose.refcount', 'base.dlclose.unload'], firmness: 'implementation-defined' });
    expect(o?.effects).toEqual([{ kind: 'dtor', object: 1 }, { kind: 'unmapped', object: 1 }, { kind: 'unmapped', object: 2 }]);
    // base.dlclose.unload: or the object stays for the life of the process, running no destructor (musl).
    expect(kept).toMatchObject({ ret: { kind: 'int', value: 0 }, effects: [], firmness: 'implementation-defined' });
    expect(kept && objectAt(kept.next, 1)).toMatchObject({ status: 'relocated', refs: 0 });
    expect(o && objectAt(o.next, 1).status).toBe('closed');
    expect(o && objectAt(o.next, 3).status).toBe('relocated');
  });

  it('a handle closed to zero opens is a bad handle even while a dependent holds its object (base.dlclose.bad-handle)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlopen', as: 'c', file: 'ctor', mode: NOW }, close()]);
    expect(objectAt(s, 1)).toMatchObject({ status: 'relocated', refs: 0 });
    const o = one(outcomesOf(v9, s, close()));
    expect(o).toMatchObject({ firmness: 'undefined', cites: ['base.dlclose.bad-handle'] });
  });

  it('only drops a reference while the open count stays above zero, or a dependent still needs the object', () => {
    const twice = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlopen', as: 'h2', file: 'plain', mode: NOW }]);
    const o = one(outcomesOf(v9, twice, close()));
    expect(o.effects).toEqual([]);
    expect(objectAt(o.next, 1)).toMatchObject({ status: 'relocated', refs: 1 });
    const needed = stateAfter(v9, [{ type: 'dlopen', as: 'c', file: 'ctor', mode: NOW }, { type: 'dlopen', as: 'h', file: 'plain', mode: NOW }]);
    const kept = one(outcomesOf(v9, needed, close()));
    expect(kept.effects).toEqual([]);
    expect(objectAt(kept.next, 2)).toMatchObject({ status: 'relocated', refs: 0 });
  });

  it('is undefined behaviour on a handle already closed to zero (base.dlclose.bad-handle)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, close()]);
    expect(one(outcomesOf(v9, s, close()))).toMatchObject({ firmness: 'undefined', cites: ['base.dlclose.bad-handle'] });
  });
});

describe('dlclose: RTLD_NORELOCATE', () => {
  it('leaves an unrelocated object open: relocate and initialise first, or unload running neither (noreloc.close.unrelocated)', () => {
    const s = stateAfter(v2, [{ call: { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER }, pick: firm }]);
    const outcomes = outcomesOf(v2, s, close());
    expect(outcomes).toHaveLength(2);
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.close.unrelocated') && o.ret.kind === 'int')).toBe(true);
    const [first, neither] = outcomes as [Outcome, Outcome];
    expect(first.effects.map((e) => e.kind)).toEqual(['relocated', 'ctor', 'dtor', 'unmapped', 'unmapped']);
    expect(neither.effects).toEqual([{ kind: 'unmapped', object: 1 }, { kind: 'unmapped', object: 2 }]);
    expect(neither.next.events).toEqual([]);
  });

  it('keeps or unloads a still unrelocated RTLD_NODELETE object (noreloc.defer.nodelete)', () => {
    const s = stateAfter(v1, [{ call: { type: 'dlopen', as: 'h', file: 'plain', mode: { flags: ['RTLD_NOW', 'RTLD_NODELETE', 'RTLD_NORELOCATE'] } }, pick: firm }]);
    const outcomes = outcomesOf(v1, s, close());
    const nodelete = outcomes.filter((o) => o.cites.includes('noreloc.defer.nodelete'));
    expect(nodelete.map((o) => objectAt(o.next, 1).status).sort()).toEqual(['closed', 'unrelocated']);
  });

  it('unloads a failed object with 0 and runs none of its constructors or destructors (noreloc.close.after-failure)', () => {
    const s = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'undef-data', mode: DEFER }, { type: 'dlrelocate', handle: 'h' }]);
    expect(objectAt(s, 1).status).toBe('failed');
    const o = one(outcomesOf(v2, s, close()));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'specified' });
    expect(o.cites).toEqual(['noreloc.close.after-failure', 'base.dlclose.refcount']);
    expect(o.effects).toEqual([{ kind: 'unmapped', object: 1 }]);
    expect(objectAt(o.next, 1).status).toBe('closed');
  });

  it('leaves the range a moved object was relocated in open: kept or unmapped (noreloc.setbase.new-range-owner)', () => {
    const start = rwRegion(stateAfter(v2, [{ call: { type: 'dlopen', as: 'h', file: 'plain', mode: DEFER }, pick: firm }]), 'dst', 0x4000);
    const s = stateAfter(v2, [{ type: 'copy-object', handle: 'h', to: 'dst' }, { type: 'dlset-object-base', handle: 'h', base: { region: 'dst' } },
      { type: 'dlrelocate', handle: 'h' }], start);
    // Called directly: the 'source-untouched' invariant (model/invariants) forbids any loader call
    // to unmap a caller region but a premap one, while noreloc.setbase.new-range-owner allows it.
    const outcomes = dlclose(s, { type: 'dlclose', handle: 'h' }, v2).filter((o) => o.effects.some((e) => e.kind === 'unmapped'));
    expect(outcomes).toHaveLength(2);
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.setbase.new-range-owner'))).toBe(true);
    expect(outcomes.map((o) => o.next.regions.get('dst')?.mapped)).toEqual([true, false]);
    expect(outcomes[1]?.effects.at(-1)).toEqual({ kind: 'region-unmapped', region: 'dst' });
  });
});
