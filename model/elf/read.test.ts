import { describe, expect, it } from 'vitest';
import { isClauseId } from '../../spec/clause-ids.gen.js';
import { PF_R, PF_W, PF_X } from './constants.js';
import { DEFECT_CLAUSES, type DefectKind } from './defect.js';
import { DF_1_PIE } from './dyn-constants.js';
import { readElf } from './read.js';
import { buildElf } from './testing/build.js';
import { DEFECT_MUTATIONS, phdrIndices, setHeader, setPhdr, truncate } from './testing/mutate.js';
import { PT_LOAD } from './constants.js';

const valid = buildElf({
  needed: ['libc.so.6'], soname: 'libt.so', relro: { segment: 2, memsz: 0x800 },
  tls: { segment: 2, filesz: 0x10, memsz: 0x20, align: 16 },
  symbols: [{ name: 'ref1', defined: true }, { name: 'bar', defined: true, type: 'object', size: 4 }],
});

function defectOf(bytes: Uint8Array) {
  const result = readElf(bytes);
  return result.ok ? undefined : result.defect;
}

describe('readElf on a built image', () => {
  it('reads loads, RELRO, TLS, stack and the dynamic section', () => {
    const result = readElf(valid.bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { elf } = result;
    expect(elf.e_type).toBe(3);
    expect(elf.e_machine).toBe(62);
    expect(elf.loads.map((l) => [l.p_offset, l.p_vaddr, l.p_filesz, l.p_memsz, l.p_flags])).toEqual(
      valid.loads.map((l) => [l.offset, l.vaddr, l.filesz, l.memsz, l.flags]),
    );
    expect(elf.loads.map((l) => `${l.r ? 'r' : '-'}${l.w ? 'w' : '-'}${l.x ? 'x' : '-'}`)).toEqual(['r--', 'r-x', 'rw-']);
    expect(elf.relro).toEqual({ vaddr: valid.loads[2]?.vaddr, memsz: 0x800 });
    expect(elf.tls).toEqual({ vaddr: valid.loads[2]?.vaddr, filesz: 0x10, memsz: 0x20, align: 16 });
    expect(elf.stackExec).toBe(false);
    expect(elf.isPie).toBe(false);
    expect(elf.dynamic?.needed).toEqual(['libc.so.6']);
    expect(elf.dynamic?.soname).toBe('libt.so');
    expect([...elf.symbols.defined.keys()].sort()).toEqual(['bar', 'ref1']);
    expect(elf.symbols.defined.get('bar')).toMatchObject({ type: 'object', size: 4 });
  });

  it('reports an executable stack, a missing PT_GNU_STACK and DF_1_PIE', () => {
    const read = (spec: Parameters<typeof buildElf>[0]) => {
      const result = readElf(buildElf(spec).bytes);
      return result.ok ? result.elf : undefined;
    };
    expect(read({ stack: 'x' })?.stackExec).toBe(true);
    expect(read({ stack: 'none' })?.stackExec).toBeUndefined();
    expect(read({ flags1: DF_1_PIE })?.isPie).toBe(true);
  });

  it('accepts an image without PT_DYNAMIC only when told to', () => {
    const bytes = buildElf({ noDynamic: true }).bytes;
    expect(defectOf(bytes)?.kind).toBe('no-dynamic');
    const result = readElf(bytes, { requireDynamic: false });
    expect(result.ok && result.elf.dynamic === undefined && result.elf.symbols.defined.size === 0).toBe(true);
  });
});

describe('defect classification', () => {
  const kinds = Object.keys(DEFECT_MUTATIONS) as DefectKind[];

  it.each(kinds)('%s: the mutation is rejected with that kind and its clause', (kind) => {
    const defect = defectOf(DEFECT_MUTATIONS[kind](valid.bytes));
    expect(defect?.kind).toBe(kind);
    expect(defect?.clause).toBe(DEFECT_CLAUSES[kind]);
    expect(defect?.detail.length).toBeGreaterThan(10);
  });

  it('leaves a PT_LOAD past the image to dlmem.elf.load-past-size and special segments to dlmem.elf.no-crash', () => {
    expect(defectOf(DEFECT_MUTATIONS['load-out-of-range'](valid.bytes))?.clause).toBe('dlmem.elf.load-past-size');
    expect(defectOf(DEFECT_MUTATIONS['segment-out-of-range'](valid.bytes))?.clause).toBe('dlmem.elf.no-crash');
  });

  it('reads a PT_DYNAMIC at p_vaddr 0 as no dynamic section, as glibc does', () => {
    const at = phdrIndices(valid.bytes, 2)[0] as number;
    expect(defectOf(setPhdr(valid.bytes, at, 'p_vaddr', 0))?.kind).toBe('no-dynamic');
  });

  it('cites only clause IDs of the registry', () => {
    for (const clause of Object.values(DEFECT_CLAUSES)) expect(isClauseId(clause)).toBe(true);
  });

  it('checks in loader order: the header before the program headers before the loads', () => {
    const noLoadWrongMachine = DEFECT_MUTATIONS['wrong-machine'](DEFECT_MUTATIONS['no-load'](valid.bytes));
    expect(defectOf(noLoadWrongMachine)?.kind).toBe('wrong-machine');
    const tableGoneNoLoad = DEFECT_MUTATIONS['phdrs-out-of-range'](DEFECT_MUTATIONS['no-load'](valid.bytes));
    expect(defectOf(tableGoneNoLoad)?.kind).toBe('phdrs-out-of-range');
    const overlapNoDynamic = DEFECT_MUTATIONS['no-dynamic'](DEFECT_MUTATIONS['load-overlap'](valid.bytes));
    expect(defectOf(overlapNoDynamic)?.kind).toBe('load-overlap');
  });

  it('names the offending values in the detail', () => {
    expect(defectOf(truncate(valid.bytes, 10))?.detail).toContain('10 bytes');
    expect(defectOf(setHeader(valid.bytes, 'e_machine', 3))?.detail).toContain('e_machine is 3');
    const load = phdrIndices(valid.bytes, PT_LOAD)[1] ?? 0;
    expect(defectOf(setPhdr(valid.bytes, load, 'p_vaddr', 0x1234))?.detail).toMatch(/p_vaddr 0x1234.*p_offset 0x1000/);
  });

  it('rejects a non-Elf64_Phdr e_phentsize as dlopen does', () => {
    const defect = defectOf(setHeader(valid.bytes, 'e_phentsize', 32));
    expect(defect).toMatchObject({ kind: 'phdrs-out-of-range', clause: 'dlmem.elf.dlopen-equivalence' });
  });

  it('rejects ET_EXEC and ET_REL but not a PIE', () => {
    expect(defectOf(setHeader(valid.bytes, 'e_type', 1))?.kind).toBe('not-dyn');
    expect(defectOf(setHeader(valid.bytes, 'e_type', 2))?.kind).toBe('not-dyn');
    expect(defectOf(buildElf({ flags1: DF_1_PIE }).bytes)).toBeUndefined();
  });

  it('treats p_filesz = p_memsz, empty segments and adjacent segments as valid', () => {
    const bytes = buildElf({
      segments: [{ flags: PF_R | PF_X, filesz: 0x1000, memsz: 0x1000 }, { flags: PF_R | PF_W, filesz: 0, memsz: 0 }],
    }).bytes;
    expect(defectOf(bytes)).toBeUndefined();
  });

  it('rejects a segment end past 2^47 and a p_align past 2^47', () => {
    const last = phdrIndices(valid.bytes, PT_LOAD)[2] ?? 0;
    expect(defectOf(setPhdr(valid.bytes, last, 'p_vaddr', 2n ** 47n - 0x1000n))?.kind).toBe('absurd-size');
    expect(defectOf(setPhdr(valid.bytes, last, 'p_align', 2n ** 48n))?.kind).toBe('absurd-size');
    // Not a power of two: it asks for no alignment, as glibc reads it.
    const odd = readElf(setPhdr(valid.bytes, last, 'p_align', 2n ** 48n + 1n));
    expect(odd.ok && odd.elf.loads.at(-1)?.p_align).toBe(0);
  });
});
