import { describe, expect, it } from 'vitest';
import { testWorld } from '../testing/world.js';
import { NOW, one, outcomesOf, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const v2 = testWorld('norelocate-v2');

describe('write-data', () => {
  it('stores into a relocated object\'s data, keyed by object and symbol (base.dlsym.found)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlsym', as: 'b', handle: 'h', symbol: 'bar' }]);
    const o = one(outcomesOf(v9, s, { type: 'write-data', symbol: 'b', value: 48 }));
    expect(o).toMatchObject({ ret: { kind: 'none' }, cites: ['base.dlsym.found'], firmness: 'specified' });
    expect(o.next.data.get('1:bar')).toBe(48);
  });

  it('may fault before relocation, when the segment is not writable yet (noreloc.defer.final-protections)', () => {
    const s = stateAfter(v2, [
      { type: 'dlopen', as: 'h', file: 'plain', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL', 'RTLD_NORELOCATE'] } },
      { call: { type: 'dlsym', as: 'b', handle: 'RTLD_DEFAULT', symbol: 'bar' }, pick: (o) => o.ret.kind === 'symbol' },
    ]);
    const o = one(outcomesOf(v2, s, { type: 'write-data', symbol: 'b', value: 1 }));
    expect(o).toMatchObject({ ret: { kind: 'any' }, firmness: 'unspecified', cites: ['noreloc.defer.final-protections'] });
    expect(o.gap).toMatch(/implementation-defined/);
  });

  it('is undefined behaviour through the NULL of a failed dlsym (base.dlsym.missing)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlsym', as: 'b', handle: 'h', symbol: 'nothing' }]);
    expect(one(outcomesOf(v9, s, { type: 'write-data', symbol: 'b', value: 1 }))).toMatchObject({ firmness: 'undefined', cites: ['base.dlsym.missing'] });
  });
});
