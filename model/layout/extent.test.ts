import { describe, expect, it } from 'vitest';
import type { LoadSegment } from '../elf/index.js';
import { readElf } from '../elf/index.js';
import { buildElf } from '../elf/testing/build.js';
import { extentOf, isPowerOfTwo } from './extent.js';

const load = (p_vaddr: number, p_memsz: number, p_align = 0x1000): LoadSegment => ({
  p_offset: p_vaddr % 0x1000, p_vaddr, p_filesz: 0, p_memsz, p_align, p_flags: 4, r: true, w: false, x: false,
});

describe('extentOf', () => {
  it('spans from the lowest page to the end of the highest segment, in whole pages', () => {
    const result = readElf(buildElf().bytes);
    if (!result.ok) throw new Error(result.defect.detail);
    // Metadata R page, text at 0x1000, data at 0x2000 with .bss to 0x4300.
    expect(extentOf(result.elf)).toEqual({ start: 0, length: 0x5000, mapLength: 17152, align: 0x1000, pageAlign: 0x1000 });
  });

  it('starts at the page of a non-zero lowest p_vaddr', () => {
    expect(extentOf({ loads: [load(0x10234, 0x10), load(0x13000, 0x1001)] })).toMatchObject({ start: 0x10000, length: 0x5000, mapLength: 0x4001 });
  });

  it('takes the largest power-of-two p_align, never less than the page size', () => {
    expect(extentOf({ loads: [load(0, 0x10, 0x200000), load(0x200000, 0x10, 0x10000)] })).toMatchObject({
      align: 0x200000, pageAlign: 0x1000,
    });
    expect(extentOf({ loads: [load(0, 0x10, 0x3000), load(0x3000, 0x10, 1)] }).align).toBe(0x1000);
    expect(extentOf({ loads: [load(0, 0x10, 2 ** 40)] }).align).toBe(2 ** 40);
    expect(extentOf({ loads: [load(0, 0x10, 0x1000)] }, 0x4000)).toMatchObject({ length: 0x4000, align: 0x4000 });
  });

  it('is empty without segments', () => {
    expect(extentOf({ loads: [] })).toEqual({ start: 0, length: 0, mapLength: 0, align: 0x1000, pageAlign: 0x1000 });
  });

  it('recognises powers of two exactly', () => {
    expect([1, 2, 0x1000, 2 ** 47, 2 ** 52].every(isPowerOfTwo)).toBe(true);
    expect([0, -2, 3, 0x3000, 2 ** 47 + 2, 0.5, Number.MAX_SAFE_INTEGER].some(isPowerOfTwo)).toBe(false);
  });
});
