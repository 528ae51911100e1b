import { describe, expect, it } from 'vitest';
import {
  DT_BIND_NOW, DT_FLAGS, DT_GNU_HASH, DT_HASH, DT_INIT, DT_JMPREL, DT_NEEDED, DT_PLTRELSZ, DT_RELA, DT_RELASZ, DT_STRSZ, DT_STRTAB,
  DT_SYMTAB, DT_VERDEF, DT_VERNEED, R_X86_64_64, R_X86_64_GLOB_DAT, R_X86_64_JUMP_SLOT,
} from './dyn-constants.js';
import { readElf } from './read.js';
import { buildElf } from './testing/build.js';
import type { BuildSpec, BuildSymbol } from './testing/spec.js';
import type { ElfImage } from './types.js';

function read(spec: BuildSpec): ElfImage {
  const result = readElf(buildElf(spec).bytes);
  if (!result.ok) throw new Error(`unexpected defect: ${result.defect.detail}`);
  return result.elf;
}

const SYMBOLS: BuildSymbol[] = [
  { name: 'ref1', defined: true },
  { name: 'bar', defined: true, type: 'object', size: 4, value: 0x3010 },
  { name: 'tvar', defined: true, type: 'tls', size: 4, value: 0 },
  { name: 'weakdef', defined: true, bind: 'weak' },
  { name: 'hid', defined: true, hidden: true },
  { name: 'loc', defined: true, bind: 'local' },
  { name: 'ext_fn', defined: false },
  { name: 'ext_data', defined: false, type: 'object' },
  { name: 'ext_weak', defined: false, type: 'notype', bind: 'weak' },
];

describe('dynamic section', () => {
  it('reads names, flags and which tables exist', () => {
    const elf = read({
      needed: ['liba.so', 'libb.so.2'], soname: 'libt.so.1', runpath: '$ORIGIN/lib', rpath: '/opt/lib', flags1: 0x9,
      init: true, initArraySize: 16, finiArraySize: 8, textrel: true, hash: 'both', versym: true,
      extraDynamic: [[DT_VERDEF, 0n], [DT_VERNEED, 0n]],
    });
    expect(elf.dynamic).toEqual({
      needed: ['liba.so', 'libb.so.2'], soname: 'libt.so.1', runpath: '$ORIGIN/lib', rpath: '/opt/lib', flags1: 0x9,
      hasHash: true, hasGnuHash: true, hasVersym: true, hasVerdef: true, hasVerneed: true, hasInit: true,
      initArraySize: 16, finiArraySize: 8, textrel: true, bindNow: true,
    });
  });

  it('takes DF_TEXTREL from DT_FLAGS and lets a repeated tag override', () => {
    expect(read({ extraDynamic: [[DT_FLAGS, 4n]] }).dynamic?.textrel).toBe(true);
    expect(read({ init: true, extraDynamic: [[DT_INIT, 0x1010n]] }).dynamic?.hasInit).toBe(true);
    expect(read({ extraDynamic: [[DT_FLAGS, 8n]] }).dynamic?.bindNow).toBe(true);
    expect(read({ extraDynamic: [[DT_BIND_NOW, 0n]] }).dynamic?.bindNow).toBe(true);
    expect(read({}).dynamic?.bindNow).toBe(false);
  });

  it('rejects names and tables outside the image', () => {
    const defect = (extra: [number, bigint][]) => {
      const result = readElf(buildElf({ needed: ['liba.so'], symbols: SYMBOLS, extraDynamic: extra }).bytes);
      return result.ok ? undefined : result.defect.kind;
    };
    expect(defect([[DT_NEEDED, 0xffffn]])).toBe('dynamic-out-of-range');
    expect(defect([[DT_STRTAB, 0x7000000n]])).toBe('dynamic-out-of-range');
    expect(defect([[DT_SYMTAB, 0x7000000n]])).toBe('dynamic-out-of-range');
    expect(defect([[DT_GNU_HASH, 0x7000000n]])).toBe('dynamic-out-of-range');
    expect(defect([[DT_HASH, 2n ** 63n]])).toBe('dynamic-out-of-range');
    expect(defect([[DT_RELA, 0x7000000n], [DT_RELASZ, 24n]])).toBe('dynamic-out-of-range');
    expect(defect([[DT_STRSZ, 3n]])).toBe('dynamic-out-of-range');
  });
});

describe('symbols', () => {
  it.each(['sysv', 'gnu', 'both', 'none'] as const)('finds every symbol with hash style %s', (hash) => {
    const elf = read({ symbols: SYMBOLS, hash, sectionHeaders: hash === 'none' });
    expect([...elf.symbols.defined.keys()].sort()).toEqual(['bar', 'ref1', 'tvar', 'weakdef']);
    expect(elf.symbols.defined.get('bar')).toEqual({ value: 0x3010, size: 4, type: 'object' });
    expect(elf.symbols.defined.get('tvar')?.type).toBe('tls');
    expect(elf.symbols.undefined.map((u) => [u.name, u.type, u.weak])).toEqual([
      ['ext_fn', 'func', false], ['ext_data', 'object', false], ['ext_weak', 'notype', true],
    ]);
  });

  it('bounds the count without hash tables or section headers by the bytes before DT_STRTAB', () => {
    // The builder puts the string table before the symbol table, so the bound is the segment's end.
    const elf = read({ symbols: SYMBOLS, hash: 'none' });
    expect(elf.symbols.defined.has('ref1')).toBe(true);
  });

  it('prefers the default version when a name is defined twice', () => {
    const elf = read({
      versym: true,
      symbols: [{ name: 'f', defined: true, value: 0x1100, hiddenVersion: true }, { name: 'f', defined: true, value: 0x1200 }],
    });
    expect(elf.symbols.defined.get('f')?.value).toBe(0x1200);
  });

  it('marks as viaPlt exactly the symbols referenced only by JUMP_SLOT relocations', () => {
    const elf = read({
      symbols: SYMBOLS,
      relocs: [
        { symbol: 'ext_fn', type: R_X86_64_JUMP_SLOT, table: 'jmprel' },
        { symbol: 'ext_data', type: R_X86_64_GLOB_DAT, table: 'rela' },
        { symbol: 'ext_weak', type: R_X86_64_JUMP_SLOT, table: 'jmprel' },
        { symbol: 'ext_weak', type: R_X86_64_64, table: 'rela' },
      ],
    });
    expect(elf.symbols.undefined.map((u) => [u.name, u.viaPlt])).toEqual([
      ['ext_fn', true], ['ext_data', false], ['ext_weak', false],
    ]);
  });

  it('does not count DT_JMPREL entries twice when DT_RELASZ covers them', () => {
    const built = buildElf({ symbols: SYMBOLS, relocs: [{ symbol: 'ext_fn', type: R_X86_64_JUMP_SLOT, table: 'jmprel' }] });
    const withRela = buildElf({
      symbols: SYMBOLS,
      relocs: [{ symbol: 'ext_fn', type: R_X86_64_JUMP_SLOT, table: 'jmprel' }],
      extraDynamic: [[DT_RELA, BigInt(built.offsets.jmprel)], [DT_RELASZ, 24n]],
    });
    const result = readElf(withRela.bytes);
    expect(result.ok && result.elf.symbols.undefined.find((u) => u.name === 'ext_fn')?.viaPlt).toBe(true);
  });

  it('reads a JUMP_SLOT outside DT_JMPREL as a load-time reference', () => {
    const elf = read({
      symbols: SYMBOLS,
      relocs: [{ symbol: 'ext_fn', type: R_X86_64_JUMP_SLOT, table: 'rela' }],
      extraDynamic: [[DT_JMPREL, 0n], [DT_PLTRELSZ, 0n]],
    });
    expect(elf.symbols.undefined.find((u) => u.name === 'ext_fn')?.viaPlt).toBe(false);
  });
});
