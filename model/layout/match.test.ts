import { describe, expect, it } from 'vitest';
import { PF_R, PF_W, PF_X } from '../elf/constants.js';
import { readElf } from '../elf/index.js';
import { buildElf } from '../elf/testing/build.js';
import { matchMaps } from './match.js';
import { predictLayout } from './predict.js';
import type { MapsLine } from './proc-maps.js';
import { simulateMaps } from './testing/simulate.js';

const BASE = 0x7f0000000000;
const built = readElf(buildElf({
  relro: { segment: 2, memsz: 0x1000 },
  segments: [
    { flags: PF_R | PF_X, filesz: 0x1180, memsz: 0x1180, gapPages: 2 },
    { flags: PF_R | PF_W, filesz: 0x1100, memsz: 0x2300 },
  ],
}).bytes);
if (!built.ok) throw new Error(built.defect.detail);
const predicted = predictLayout(built.elf);
const FILE = '/lib/libt.so';
const maps = simulateMaps(predicted, BASE, { file: FILE });
const kinds = (lines: readonly MapsLine[], options = {}) =>
  matchMaps(predicted, lines, BASE, { backing: 'file', file: FILE, ...options }).map((m) => `${m.kind} ${m.clause}`);
/** `maps` with the line holding `address` (relative) replaced by `change(line)`. */
const changeAt = (address: number, change: (line: MapsLine) => MapsLine | undefined) =>
  maps.flatMap((line) => (line.start <= BASE + address && BASE + address < line.end ? [change(line)].filter((l) => l !== undefined) : [line]));

describe('matchMaps', () => {
  it('finds nothing wrong with what a conforming loader maps', () => {
    expect(kinds(maps)).toEqual([]);
    expect(kinds(simulateMaps(predicted, BASE, { file: FILE, gaps: 'unmapped' }))).toEqual([]);
    expect(kinds(simulateMaps(predicted, BASE, { backing: 'anon' }), { backing: 'anon' })).toEqual([]);
    expect(kinds(simulateMaps(predicted, BASE, { phase: 'unrelocated' }), { phase: 'unrelocated' })).toEqual([]);
  });

  it('accepts a mapping the kernel shows in several lines', () => {
    const split = maps.flatMap((line) => {
      if (line.end - line.start < 0x2000) return [line];
      const mid = line.start + 0x1000;
      return [{ ...line, end: mid }, { ...line, start: mid, offset: line.offset + 0x1000 }];
    });
    expect(split.length).toBeGreaterThan(maps.length);
    expect(kinds(split)).toEqual([]);
  });

  it('reports an unmapped page', () => {
    expect(kinds(changeAt(0x3000, () => undefined))).toEqual(['missing-range dlmem.place.layout']);
  });

  it('reports a wrong protection, RELRO still writable included', () => {
    expect(kinds(changeAt(0x3000, (l) => ({ ...l, prot: { r: true, w: true, x: true } })))).toEqual([
      'wrong-protection dlmem.place.protections',
    ]);
    const relro = predicted.find((e) => e.kind === 'segment' && e.protAfter.w !== e.protBefore.w);
    expect(relro?.start).toBe(0x5000);
    expect(kinds(changeAt(0x5000, (l) => ({ ...l, prot: { r: true, w: true, x: false } })))).toEqual([
      'wrong-protection dlmem.place.protections',
    ]);
  });

  it('checks unrelocated pages for readability only: further permissions are the loader\'s (noreloc.defer.final-protections)', () => {
    const before = simulateMaps(predicted, BASE, { phase: 'unrelocated' });
    const at = (address: number) => before.findIndex((l) => l.start <= BASE + address && BASE + address < l.end);
    const change = (address: number, prot: MapsLine['prot']) => before.map((l, i) => (i === at(address) ? { ...l, prot } : l));
    expect(kinds(change(0x3000, { r: true, w: false, x: false }), { phase: 'unrelocated' })).toEqual([]);
    expect(kinds(change(0x3000, { r: false, w: false, x: true }), { phase: 'unrelocated' })).toEqual([
      'wrong-protection noreloc.defer.readable',
    ]);
    expect(kinds(change(0x3000, { r: true, w: true, x: true }), { phase: 'unrelocated' })).toEqual([]);
  });

  it('reports the wrong backing and the wrong file offset', () => {
    const anon = changeAt(0x3000, (l) => ({ ...l, path: 'anon', inode: 0, dev: '00:00' }));
    expect(kinds(anon)).toEqual(['wrong-backing dlmem.place.zero-copy']);
    expect(kinds(anon, { backing: 'any' })).toEqual([]);
    expect(kinds(maps, { backing: 'anon' })).toContain('wrong-backing dlmem.place.genbuf-copy');
    expect(kinds(changeAt(0x3000, (l) => ({ ...l, path: '/other.so' })))).toEqual(['wrong-backing dlmem.place.zero-copy']);
    expect(kinds(changeAt(0x3000, (l) => ({ ...l, shared: true })))).toEqual(['wrong-backing dlmem.place.zero-copy']);
    expect(kinds(changeAt(0x3000, (l) => ({ ...l, offset: l.offset + 0x1000 })))).toEqual([
      'wrong-file-offset dlmem.place.file-offsets',
    ]);
    expect(kinds(maps, { fileOffsetBias: 0x4000 })).toContain('wrong-file-offset dlmem.place.file-offsets');
  });

  it('reports an accessible gap', () => {
    expect(predicted.some((e) => e.kind === 'gap' && e.start === 0x1000)).toBe(true);
    expect(kinds(changeAt(0x1000, (l) => ({ ...l, prot: { r: true, w: false, x: false } })))).toEqual([
      'accessible-gap dlmem.place.gaps',
    ]);
  });

  it('ignores mappings outside the object', () => {
    const other: MapsLine = { ...maps[0]!, start: BASE + 0x100000, end: BASE + 0x101000, path: '/x' };
    expect(kinds([...maps, other])).toEqual([]);
  });
});
