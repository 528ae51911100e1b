import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADDRESS_LIMIT, EHDR_SIZE, PHDR_SIZE } from './constants.js';
import { DT_STRSZ, DT_STRTAB, DT_SYMTAB, SYM_SIZE } from './dyn-constants.js';
import { readElf } from './read.js';
import { buildElf } from './testing/build.js';
import type { ElfResult } from './types.js';

const seed = buildElf({
  needed: ['libc.so.6'], soname: 'libt.so', hash: 'both', versym: true, sectionHeaders: true,
  relro: { segment: 2, memsz: 0x800 }, tls: { segment: 2, filesz: 8, memsz: 16, align: 8 },
  symbols: [{ name: 'ref1', defined: true }, { name: 'bar', defined: true, type: 'object' }, { name: 'ext', defined: false }],
  relocs: [{ symbol: 'ext', type: 7, table: 'jmprel' }, { symbol: 'bar', type: 6, table: 'rela' }],
});

/** Reads `bytes`, failing the property if reading throws or takes more than 250 ms. */
function timedRead(bytes: Uint8Array): ElfResult {
  const started = performance.now();
  const result = readElf(bytes);
  expect(performance.now() - started).toBeLessThan(250);
  return result;
}

/** What every accepted image satisfies. */
function checkInvariants(bytes: Uint8Array, result: ElfResult): void {
  if (!result.ok) {
    expect(result.defect.detail.length).toBeGreaterThan(0);
    return;
  }
  let end = 0;
  for (const load of result.elf.loads) {
    expect(load.p_offset + load.p_filesz).toBeLessThanOrEqual(bytes.length);
    expect(load.p_filesz).toBeLessThanOrEqual(load.p_memsz);
    expect(load.p_vaddr).toBeGreaterThanOrEqual(end);
    expect(load.p_vaddr + load.p_memsz).toBeLessThanOrEqual(ADDRESS_LIMIT);
    // Congruent modulo the page size (a p_vaddr below p_offset gives -0, which is no remainder either).
    expect((load.p_vaddr - load.p_offset) % 4096 === 0).toBe(true);
    end = load.p_vaddr + load.p_memsz;
  }
  expect(result.elf.symbols.defined.size + result.elf.symbols.undefined.length).toBeLessThanOrEqual(bytes.length / SYM_SIZE);
}

/** A write of a random value at a random offset (biased towards the headers and tables). */
const write = fc.record({
  offset: fc.oneof(fc.nat(EHDR_SIZE + 10 * PHDR_SIZE), fc.nat(seed.bytes.length - 1)),
  width: fc.constantFrom(1, 2, 4, 8),
  value: fc.oneof(fc.bigInt(0n, 2n ** 64n - 1n), fc.constantFrom(0n, 1n, 0xffffffffn, 2n ** 47n, 2n ** 63n, 2n ** 64n - 1n)),
});

function applyWrites(bytes: Uint8Array, writes: readonly { offset: number; width: number; value: bigint }[]): Uint8Array {
  const copy = bytes.slice();
  for (const { offset, width, value } of writes) {
    for (let i = 0; i < width && offset + i < copy.length; i++) copy[offset + i] = Number((value >> BigInt(8 * i)) & 0xffn);
  }
  return copy;
}

describe('readElf on hostile input', () => {
  it('accepts the unmutated seed image', () => {
    expect(readElf(seed.bytes).ok).toBe(true);
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => checkInvariants(bytes, timedRead(bytes))), {
      numRuns: 500,
    });
  });

  it('never throws on random bytes behind a valid ELF header', () => {
    const header = seed.bytes.subarray(0, EHDR_SIZE);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (tail) => {
        const bytes = new Uint8Array(EHDR_SIZE + tail.length);
        bytes.set(header);
        bytes.set(tail, EHDR_SIZE);
        checkInvariants(bytes, timedRead(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on random writes into a valid image, nor on its truncations', () => {
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 8 }), fc.nat(seed.bytes.length), (writes, length) => {
        const mutated = applyWrites(seed.bytes, writes);
        checkInvariants(mutated, timedRead(mutated));
        const cut = mutated.subarray(0, length);
        checkInvariants(cut, timedRead(cut));
      }),
      { numRuns: 1000 },
    );
  });

  it('stays fast when every symbol names a different suffix of one long string', () => {
    // 4000 symbols at the start of a 1 MiB segment; the string table follows them and is one run of
    // 'A' ending in a single NUL, so name i is the suffix from offset i: 3.6 GB of names unbudgeted.
    const built = buildElf({
      symbols: [{ name: 'a', defined: true }], hash: 'none',
      segments: [{ flags: 4, filesz: 0x100000, memsz: 0x100000 }],
      extraDynamic: [[DT_SYMTAB, 0n], [DT_STRTAB, 0n], [DT_STRSZ, 0x100000n]],
    });
    const data = built.loads[1]!;
    const bytes = built.bytes.slice();
    const strtab = 0x20000;
    bytes.fill(0x41, data.offset + strtab, data.offset + data.filesz - 1);
    const view = new DataView(bytes.buffer);
    for (let i = 1; i < 4000; i++) {
      const at = data.offset + i * SYM_SIZE;
      view.setUint32(at, i, true);
      view.setUint8(at + 4, 0x12);
      view.setUint16(at + 6, 1, true);
    }
    let patched = patchDynamic(bytes, built.offsets.dynamic, DT_SYMTAB, BigInt(data.vaddr));
    patched = patchDynamic(patched, built.offsets.dynamic, DT_STRTAB, BigInt(data.vaddr + strtab));
    const result = timedRead(patched);
    checkInvariants(patched, result);
    expect(result.ok && result.elf.symbols.defined.size).toBeLessThan(20);
  });
});

/** Sets the value of the last `tag` entry of the dynamic section at `offset`. */
function patchDynamic(bytes: Uint8Array, offset: number, tag: number, value: bigint): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  let last = -1;
  for (let at = offset; view.getBigUint64(at, true) !== 0n; at += 16) if (view.getBigUint64(at, true) === BigInt(tag)) last = at;
  if (last >= 0) view.setBigUint64(last + 8, value, true);
  return copy;
}
