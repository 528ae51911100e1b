import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import { initialState } from '../state/initial.js';
import { objectAt } from '../state/objects.js';
import { testWorld } from '../testing/world.js';
import { NOW, one, outcomesOf, rwRegion, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const v2 = testWorld('norelocate-v2');
const addr = (symbol: string): Call => ({ type: 'dladdr', as: 'info', address: { symbol } });

describe('dladdr', () => {
  it('fills the fields for an address in a loaded object (base.dladdr.fields)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }, { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' }]);
    const o = one(outcomesOf(v9, s, addr('s')));
    expect(o.ret).toEqual({ kind: 'nonzero' });
    expect(o.cites).toEqual(['base.dladdr.fields']);
    expect(o.next.vars.get('info')).toEqual({ kind: 'dlinfo', object: 2, request: 'dladdr' });
  });

  it('returns 0 for NULL, an unloaded object, or a region holding no object (base.dladdr.outside)', () => {
    const failed = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlsym', as: 's', handle: 'h', symbol: 'nothing' }]);
    const unloaded = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' },
      { type: 'dlclose', handle: 'h' }]);
    for (const s of [failed, unloaded]) {
      const o = one(outcomesOf(v9, s, addr('s')));
      expect(o.ret).toEqual({ kind: 'int', value: 0 });
      expect(o.cites).toEqual(['base.dladdr.outside']);
    }
    const region = rwRegion(initialState(), 'r', 4096);
    expect(one(outcomesOf(v9, region, { type: 'dladdr', address: { region: 'r' } })).ret).toEqual({ kind: 'int', value: 0 });
  });

  it('relocates nothing, even for an address in an unrelocated object, and leaves open whether it answers (noreloc.trigger.not-handle, noreloc.defer.half-loaded-visible)', () => {
    const s = stateAfter(v2, [
      { type: 'dlopen', as: 'h', file: 'plain', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL', 'RTLD_NORELOCATE'] } },
      { call: { type: 'dlsym', as: 's', handle: 'RTLD_DEFAULT', symbol: 'ref1' }, pick: (o) => o.ret.kind === 'symbol' },
    ]);
    const outcomes = outcomesOf(v2, s, addr('s'));
    // Whether dladdr shows a half-loaded object is open: it answers with the object's fields, or returns 0.
    expect(outcomes.map((o) => o.ret)).toEqual([{ kind: 'nonzero' }, { kind: 'int', value: 0 }]);
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.gap !== undefined)).toBe(true);
    const [answered, hidden] = outcomes;
    expect(answered?.cites).toEqual(['base.dladdr.fields', 'noreloc.trigger.not-handle', 'noreloc.defer.half-loaded-visible']);
    expect(answered?.next.vars.get('info')).toEqual({ kind: 'dlinfo', object: 1, request: 'dladdr' });
    expect(hidden?.cites).toEqual(['noreloc.defer.half-loaded-visible', 'noreloc.trigger.not-handle']);
    for (const o of outcomes) {
      expect(o.effects).toEqual([]);
      expect(objectAt(o.next, 1).status).toBe('unrelocated');
    }
  });
});
