import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import { testWorld } from '../testing/world.js';
import { DEFER, NOW, one, outcomesOf, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const v1 = testWorld('norelocate-v1');
const run = (as = 'v'): Call => ({ type: 'call', as, symbol: 's' });

describe('call', () => {
  it('runs a function dlsym found and returns what the object\'s code returns (base.dlsym.found)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }, { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' }]);
    const o = one(outcomesOf(v9, s, run()));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 42 }, cites: ['base.dlsym.found'], firmness: 'specified' });
    expect(o.next.vars.get('v')).toEqual({ kind: 'int', value: 42 });
  });

  it('is undefined behaviour through the NULL of a failed dlsym, or into an unloaded object', () => {
    const missing = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlsym', as: 's', handle: 'h', symbol: 'nothing' }]);
    expect(one(outcomesOf(v9, missing, run()))).toMatchObject({ firmness: 'undefined', cites: ['base.dlsym.missing'] });
    const unloaded = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' },
      { type: 'dlclose', handle: 'h' }]);
    expect(one(outcomesOf(v9, unloaded, run()))).toMatchObject({ firmness: 'undefined', cites: ['base.dlclose.refcount'] });
  });

  it('is not covered into an object not yet relocated (noreloc.defer.relocation)', () => {
    const s = stateAfter(v1, [
      { call: { type: 'dlopen', as: 'h', file: 'plain', mode: DEFER } },
      { call: { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' }, pick: (o) => o.ret.kind === 'symbol' && o.effects.length === 0 },
    ]);
    const o = one(outcomesOf(v1, s, run()));
    expect(o).toMatchObject({ ret: { kind: 'any' }, firmness: 'unspecified', cites: ['noreloc.defer.relocation'] });
  });
});
