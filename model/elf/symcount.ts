/**
 * How many entries the dynamic symbol table has. ELF does not record it in the dynamic section;
 * a loader takes it from DT_HASH (nchain) or DT_GNU_HASH (the highest chain's end). Without
 * either, the model falls back to the SHT_DYNSYM section header, then to the bytes between
 * DT_SYMTAB and DT_STRTAB. Every answer is capped by the bytes the file holds after DT_SYMTAB.
 *
 * @module
 */
import { fits, toSafe, u32, u64, type ImageBytes } from './bytes.js';
import { SHDR_SIZE, SHT_DYNSYM } from './constants.js';
import { DT_GNU_HASH, DT_HASH, DT_STRTAB, SYM_SIZE } from './dyn-constants.js';
import { fail, hex, ok, type Checked } from './defect.js';
import type { DynamicTable } from './dynamic.js';
import type { ElfHeader } from './header.js';
import type { LoadSegment } from './types.js';
import { spanAt, type FileSpan } from './vaddr.js';

/** Where the symbol count came from. */
export type SymbolCountSource = 'hash' | 'gnu-hash' | 'section' | 'bound';

/** The number of dynamic symbols, including the null symbol 0. */
export interface SymbolCount {
  /** The count, at most the entries the file holds after DT_SYMTAB. */
  count: number;
  /** How it was found. */
  source: SymbolCountSource;
}

/** Counts the symbols of the table at `symtab` (its address `symtabVaddr`). */
export function symbolCount(
  img: ImageBytes, loads: readonly LoadSegment[], table: DynamicTable, header: ElfHeader,
  symtab: FileSpan, symtabVaddr: number,
): Checked<SymbolCount> {
  const cap = Math.floor(symtab.available / SYM_SIZE);
  const capped = (count: number, source: SymbolCountSource) => ok({ count: Math.min(count, cap), source });
  const hash = table.values.get(DT_HASH);
  if (hash !== undefined) {
    const span = spanAt(loads, hash);
    const nchain = span === undefined ? undefined : u32(img, span.offset + 4);
    if (span === undefined || span.available < 8 || nchain === undefined) {
      return fail('dynamic-out-of-range', `DT_HASH ${hex(hash)} does not hold an 8-byte header inside a PT_LOAD`);
    }
    return capped(nchain, 'hash');
  }
  const gnu = table.values.get(DT_GNU_HASH);
  if (gnu !== undefined) {
    const counted = gnuHashCount(img, loads, gnu);
    return counted.ok ? capped(counted.value, 'gnu-hash') : counted;
  }
  const fromSection = sectionCount(img, header, symtabVaddr);
  if (fromSection !== undefined) return capped(fromSection, 'section');
  const strtab = toSafe(table.values.get(DT_STRTAB) ?? 0n) ?? 0;
  const gap = strtab > symtabVaddr ? Math.floor((strtab - symtabVaddr) / SYM_SIZE) : cap;
  return capped(gap, 'bound');
}

/**
 * The symbol count a DT_GNU_HASH table implies: one past the last symbol of the chain that the
 * highest bucket starts, or `symoffset` when every bucket is empty.
 */
export function gnuHashCount(img: ImageBytes, loads: readonly LoadSegment[], address: bigint): Checked<number> {
  const span = spanAt(loads, address);
  const bad = (why: string) => fail('dynamic-out-of-range', `DT_GNU_HASH ${hex(address)}: ${why}`);
  if (span === undefined || span.available < 16) return bad('no 16-byte header inside a PT_LOAD');
  const nbuckets = u32(img, span.offset) ?? 0;
  const symoffset = u32(img, span.offset + 4) ?? 0;
  const bloomSize = u32(img, span.offset + 8) ?? 0;
  const bucketsAt = 16 + bloomSize * 8;
  if (bucketsAt + nbuckets * 4 > span.available) {
    return bad(`${nbuckets} buckets and ${bloomSize} bloom words do not fit in ${hex(span.available)} bytes`);
  }
  let highest = 0;
  for (let i = 0; i < nbuckets; i++) highest = Math.max(highest, u32(img, span.offset + bucketsAt + i * 4) ?? 0);
  if (highest === 0) return ok(symoffset);
  if (highest < symoffset) return bad(`bucket value ${highest} is below symoffset ${symoffset}`);
  const chainsAt = bucketsAt + nbuckets * 4;
  // Each step reads the next 4-byte chain word, so the walk ends within span.available / 4 steps.
  for (let at = chainsAt + (highest - symoffset) * 4; at + 4 <= span.available; at += 4) {
    const word = u32(img, span.offset + at) ?? 1;
    if ((word & 1) !== 0) return ok(highest + 1);
    highest++;
  }
  return bad(`the chain of symbol ${highest} runs past the end of its segment`);
}

/** The entry count of the SHT_DYNSYM section header whose sh_addr is the symbol table, if any. */
function sectionCount(img: ImageBytes, header: ElfHeader, symtabVaddr: number): number | undefined {
  const shoff = toSafe(header.e_shoff);
  if (shoff === undefined || shoff === 0 || header.e_shentsize !== SHDR_SIZE) return undefined;
  if (!fits(img, shoff, header.e_shnum * SHDR_SIZE)) return undefined;
  for (let i = 0; i < header.e_shnum; i++) {
    const at = shoff + i * SHDR_SIZE;
    if (u32(img, at + 4) !== SHT_DYNSYM || u64(img, at + 16) !== BigInt(symtabVaddr)) continue;
    return toSafe((u64(img, at + 32) ?? 0n) / BigInt(SYM_SIZE));
  }
  return undefined;
}
