import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import { testWorld } from '../testing/world.js';
import { NOW, one, outcomesOf, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const branch = testWorld('dlmem-branch');
const v2 = testWorld('norelocate-v2');
const read = (via?: string): Call => ({ type: 'read-data', as: 'v', symbol: 'b', ...(via === undefined ? {} : { via }) });
const R = { r: true, w: false, x: false } as const;

describe('read-data', () => {
  it('reads the initial value, then what was written (base.dlsym.found)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlsym', as: 'b', handle: 'h', symbol: 'bar' }]);
    const first = one(outcomesOf(v9, s, read()));
    expect(first).toMatchObject({ ret: { kind: 'int', value: 35 }, cites: ['base.dlsym.found'], firmness: 'specified' });
    expect(first.next.vars.get('v')).toEqual({ kind: 'int', value: 35 });
    const wrote = stateAfter(v9, [{ type: 'write-data', symbol: 'b', value: 48 }], s);
    expect(one(outcomesOf(v9, wrote, read())).ret).toEqual({ kind: 'int', value: 48 });
  });

  it('rests on dlmem.source.release-after once the dlmem source is unmapped, not before', () => {
    const loaded = stateAfter(v9, [
      { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: R, shared: false },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: NOW, args: null },
      { type: 'dlsym', as: 'b', handle: 'h', symbol: 'bar' },
    ]);
    expect(one(outcomesOf(v9, loaded, read())).cites).toEqual(['base.dlsym.found']);
    const released = stateAfter(v9, [{ type: 'munmap', region: 'src' }], loaded);
    expect(one(outcomesOf(v9, released, read())).cites).toEqual(['base.dlsym.found', 'dlmem.source.release-after']);
  });

  it('reads an unrelocated object\'s data from its readable image (noreloc.defer.readable)', () => {
    const s = stateAfter(v2, [
      { type: 'dlopen', as: 'h', file: 'plain', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL', 'RTLD_NORELOCATE'] } },
      { call: { type: 'dlsym', as: 'b', handle: 'RTLD_DEFAULT', symbol: 'bar' }, pick: (o) => o.ret.kind === 'symbol' },
    ]);
    expect(one(outcomesOf(v2, s, read()))).toMatchObject({ ret: { kind: 'int', value: 35 }, cites: ['noreloc.defer.readable'], firmness: 'specified' });
  });

  it('sees a store through a second mapping of a kept shared premap mapping (dlmem.place.dontreplace-shared)', () => {
    const s = stateAfter(branch, [
      { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: R, shared: false },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: NOW, args: { flags: ['DLMEM_DONTREPLACE'], premap: 'memfd-shared' } },
      { type: 'dlsym', as: 'b', handle: 'h', symbol: 'bar' },
      { type: 'write-data', symbol: 'b', value: 48 },
    ]);
    const o = one(outcomesOf(branch, s, read('premap:1')));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 48 }, cites: ['dlmem.place.dontreplace-shared'], firmness: 'specified' });
  });

  it('leaves a replaced premap mapping\'s view open (dlmem.place.premap-replaced)', () => {
    const s = stateAfter(branch, [
      { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: R, shared: false },
      { call: { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: NOW, args: { premap: 'memfd-shared' } }, pick: (o) => o.ret.kind === 'handle' },
      { type: 'dlsym', as: 'b', handle: 'h', symbol: 'bar' },
    ]);
    expect(one(outcomesOf(branch, s, read('premap:1')))).toMatchObject({ ret: { kind: 'any' }, firmness: 'unspecified', cites: ['dlmem.place.premap-replaced'] });
  });
});

describe('read-data after the shared source changed', () => {
  it('leaves open whether a later write to a shared source shows through (dlmem.source.shared-later-writes)', () => {
    const setup: Call[] = [
      { type: 'memfd', as: 'src', content: { image: 'plain' }, prot: { r: true, w: true, x: false } },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: NOW, args: null },
      { type: 'dlsym', as: 'b', handle: 'h', symbol: 'bar' },
    ];
    const before = one(outcomesOf(v9, stateAfter(v9, setup), read()));
    expect(before).toMatchObject({ ret: { kind: 'int', value: 35 }, firmness: 'specified' });
    const s = stateAfter(v9, [...setup, { type: 'copy-in', region: 'src', content: { junk: 256 }, offset: 0x1000 }]);
    expect(one(outcomesOf(v9, s, read()))).toMatchObject({
      ret: { kind: 'any' }, firmness: 'unspecified', cites: ['dlmem.source.shared-later-writes'],
    });
  });
});
