import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import { objectAt } from '../state/objects.js';
import { testWorld } from '../testing/world.js';
import { DEFER, NOW, one, outcomesOf, rwRegion, stateAfter } from './lib/chain.js';

const v2 = testWorld('norelocate-v2');
const setBase = (region: string | null, offset?: number): Call =>
  ({ type: 'dlset-object-base', handle: 'h', base: region === null ? null : { region, ...(offset === undefined ? {} : { offset }) } });
const firm = (o: Outcome): boolean => o.firmness === 'specified';
const deferred = (): ModelState => rwRegion(stateAfter(v2, [{ call: { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER }, pick: firm }]), 'dst', 0x4000);
const copied = (): ModelState => stateAfter(v2, [{ type: 'copy-object', handle: 'h', to: 'dst' }], deferred());

describe('dlset_object_base', () => {
  it('records the base, runs nothing and does not relocate (noreloc.setbase.records, noreloc.setbase.no-ctors, noreloc.trigger.setbase-exempt)', () => {
    const o = one(outcomesOf(v2, copied(), setBase('dst')));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'specified', effects: [] });
    expect(o.cites).toEqual(['noreloc.setbase.records', 'noreloc.setbase.no-ctors', 'noreloc.trigger.setbase-exempt',
      'noreloc.setbase.old-range']);
    expect(objectAt(o.next, 1)).toMatchObject({ status: 'unrelocated', placement: { kind: 'moved', region: 'dst' }, backing: 'caller-copy' });
    expect(o.next.events).toEqual([]);
  });

  it('makes the relocation that follows use the new base (noreloc.setbase.records, noreloc.setbase.final-layout)', () => {
    const s = stateAfter(v2, [setBase('dst')], copied());
    const o = one(outcomesOf(v2, s, { type: 'dlsym', as: 's', handle: 'h', symbol: 'cref1' }));
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.setbase.records', 'noreloc.setbase.final-layout', 'noreloc.trigger.dlsym']));
    expect(o.ret).toEqual({ kind: 'symbol', object: 1, name: 'cref1' });
    const info = one(outcomesOf(v2, o.next, { type: 'dladdr', as: 'i', address: { symbol: 's' } }));
    expect(info.cites).toEqual(['base.dladdr.fields', 'noreloc.setbase.final-layout']);
  });

  it('returns an error, not 0, and changes nothing on a relocated object (noreloc.setbase.relocated)', () => {
    const s = rwRegion(stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }]), 'dst', 0x4000);
    const o = one(outcomesOf(v2, s, setBase('dst')));
    // The 13 April text says only that an error is returned: its value (EINVAL, -1, …) is open.
    expect(o).toMatchObject({ ret: { kind: 'nonzero' }, error: { kind: 'error', errno: 'unspecified' }, cites: ['noreloc.setbase.relocated'] });
    expect(o.effects).toEqual([]);
    expect(objectAt(o.next, 1)).toMatchObject({ status: 'relocated', placement: { kind: 'loader' } });
  });

  it('fails with -1 and changes nothing on a relocated object on the branch (noreloc.setbase.relocated-branch)', () => {
    const br = testWorld('norelocate-branch');
    const s = rwRegion(stateAfter(br, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }]), 'dst', 0x4000);
    const o = one(outcomesOf(br, s, setBase('dst')));
    expect(o).toMatchObject({ ret: { kind: 'int', value: -1 }, error: { kind: 'error', errno: 'unspecified' }, cites: ['noreloc.setbase.relocated-branch'] });
    expect(o.next.dlerror).not.toBeNull();
    expect(o.effects).toEqual([]);
    expect(objectAt(o.next, 1)).toMatchObject({ status: 'relocated', placement: { kind: 'loader' } });
  });

  it('defers the caller-copy requirement to the relocation, where a missing copy is undefined (noreloc.setbase.caller-copy)', () => {
    const s = stateAfter(v2, [setBase('dst')], deferred());
    expect(one(outcomesOf(v2, s, { type: 'dlrelocate', handle: 'h' }))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.setbase.caller-copy'] });
    const unmapped = stateAfter(v2, [setBase('dst'), { type: 'munmap', region: 'dst' }], copied());
    expect(one(outcomesOf(v2, unmapped, { type: 'dlrelocate', handle: 'h' }))).toMatchObject({ firmness: 'undefined' });
  });

  it('leaves a misaligned base open: EINVAL or accepted (noreloc.setbase.misaligned)', () => {
    const outcomes = outcomesOf(v2, copied(), setBase('dst', 0x10));
    expect(outcomes[0]).toMatchObject({ ret: { kind: 'int', value: -1 }, error: { kind: 'error', errno: 'EINVAL' }, firmness: 'unspecified' });
    expect(outcomes.every((o) => o.cites.includes('noreloc.setbase.misaligned'))).toBe(true);
  });

  it('leaves a second base before relocation open: replaced or failed (noreloc.setbase.twice)', () => {
    const s = stateAfter(v2, [setBase('dst')], copied());
    const outcomes = outcomesOf(v2, rwRegion(s, 'dst2', 0x4000), setBase('dst2'));
    expect(outcomes.map((o) => o.ret)).toEqual([{ kind: 'int', value: -1 }, { kind: 'int', value: 0 }]);
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.setbase.twice'))).toBe(true);
    expect(objectAt((outcomes[1] as Outcome).next, 1).placement).toEqual({ kind: 'moved', region: 'dst2' });
  });

  it('leaves NULL open: rejected, or taken as an address where no copy can be (noreloc.setbase.null)', () => {
    const outcomes = outcomesOf(v2, copied(), setBase(null));
    expect(outcomes.map((o) => o.firmness)).toEqual(['unspecified', 'undefined']);
    expect(outcomes.every((o) => o.cites.includes('noreloc.setbase.null'))).toBe(true);
  });
});
