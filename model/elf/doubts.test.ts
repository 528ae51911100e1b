import { describe, expect, it } from 'vitest';
import { DT_FLAGS_1, DT_VERNEED } from './dyn-constants.js';
import { DF_1_NOOPEN, DT_FILTER } from './doubts.js';
import { readElf } from './read.js';
import { buildElf } from './testing/build.js';
import { PT_GNU_RELRO } from './constants.js';
import { phdrIndices, setField, setHeader, setPhdr } from './testing/mutate.js';

const valid = buildElf({ needed: ['libc.so.6'], symbols: [{ name: 'ref1', defined: true }] });

function doubtsOf(bytes: Uint8Array): readonly string[] {
  const r = readElf(bytes);
  if (!r.ok) throw new Error(`rejected: ${r.defect.detail}`);
  return (r.elf.doubts ?? []).map((d) => `${d.kind} ${d.clause}`);
}

describe('doubts: oddities a loader\'s dlopen may reject an accepted image for', () => {
  it('finds none in a well-formed image', () => {
    expect(doubtsOf(valid.bytes)).toEqual([]);
  });

  it('names a bad EI_VERSION, OS ABI, ABI version, padding or e_version as one bad-ident', () => {
    for (const bytes of [setField(valid.bytes, 6, 1, 0xff), setField(valid.bytes, 7, 1, 4), setField(valid.bytes, 8, 1, 1),
      setField(valid.bytes, 12, 1, 7), setHeader(valid.bytes, 'e_version', 2)]) {
      expect(doubtsOf(bytes)).toEqual(['bad-ident dlmem.elf.dlopen-equivalence']);
    }
  });

  it('names DF_1_NOOPEN and version records that are not version 1 or not in the image', () => {
    const noopen = buildElf({ needed: ['libc.so.6'], extraDynamic: [[DT_FLAGS_1, BigInt(DF_1_NOOPEN)]] });
    expect(doubtsOf(noopen.bytes)).toEqual(['noopen dlmem.elf.dlopen-equivalence']);
    const outside = buildElf({ needed: ['libc.so.6'], extraDynamic: [[DT_VERNEED, 0x7000000n]] });
    expect(doubtsOf(outside.bytes)).toEqual(['bad-versions dlmem.elf.dlopen-equivalence']);
    const noHash = buildElf({ needed: ['libc.so.6'], hash: 'none', sectionHeaders: true, symbols: [{ name: 'ref1', defined: true }] });
    expect(doubtsOf(noHash.bytes)).toEqual(['no-hash dlmem.elf.dlopen-equivalence']);
    const filter = buildElf({ needed: ['libc.so.6'], extraDynamic: [[DT_FILTER, 1n]] });
    expect(doubtsOf(filter.bytes)).toEqual(['filter dlmem.elf.dlopen-equivalence']);
  });

  it('names a PT_GNU_RELRO that no PT_LOAD holds, and not one inside its segment', () => {
    expect(doubtsOf(buildElf({ needed: ['libc.so.6'], relro: { segment: 2, memsz: 0x800 } }).bytes)).toEqual([]);
    const relro = buildElf({ needed: ['libc.so.6'], relro: { segment: 2, memsz: 0x800 } });
    const at = phdrIndices(relro.bytes, PT_GNU_RELRO)[0] as number;
    expect(doubtsOf(setPhdr(relro.bytes, at, 'p_vaddr', 0x7fff0000))).toEqual(['relro-outside dlmem.elf.dlopen-equivalence']);
  });
});
