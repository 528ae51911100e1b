/**
 * The object's extent: the one range a loader reserves for it, which is what premap's
 * `maplength`/`mapalign` and RTLD_DI_MAPINFO's `map_length`/`map_align` report.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ElfImage } from '../elf/index.js';
import { pageDown, pageUp } from './pages.js';

/** The extent of an object, relative to its base. */
export interface Extent {
  /** The page holding the lowest PT_LOAD p_vaddr. */
  start: number;
  /** From `start` to the end of the highest PT_LOAD (p_vaddr + p_memsz), rounded up to whole pages: the span a move copies. */
  length: number;
  /**
   * From `start` to the end of the highest PT_LOAD, not rounded (`allocend - mapstart`): what
   * premap's `maplength` (dlmem.premap.maplength) and MAPINFO's `map_length` (noreloc.mapinfo.extent)
   * report.
   */
  mapLength: number;
  /** The alignment when the loader honours large p_align: max(page size, largest power-of-two p_align). */
  align: number;
  /** The alignment when it does not: the page size. */
  pageAlign: number;
}

/** The clauses an extent rests on. */
export const EXTENT_CLAUSES: readonly ClauseId[] = [
  'dlmem.premap.maplength',
  'dlmem.premap.mapalign',
  'dlmem.place.align',
  'noreloc.mapinfo.extent',
  'noreloc.mapinfo.align',
  'noreloc.mapinfo.align-large',
];

/** The extent of `elf`'s PT_LOAD segments (start 0 and length 0 when it has none). */
export function extentOf(elf: Pick<ElfImage, 'loads'>, pageSize = 4096): Extent {
  if (elf.loads.length === 0) return { start: 0, length: 0, mapLength: 0, align: pageSize, pageAlign: pageSize };
  // reduce rather than spread: an image may have up to 65535 PT_LOADs.
  const lowest = elf.loads.reduce((min, load) => Math.min(min, load.p_vaddr), Infinity);
  const highest = elf.loads.reduce((max, load) => Math.max(max, load.p_vaddr + load.p_memsz), 0);
  const start = pageDown(lowest, pageSize);
  // glibc keeps only power-of-two p_align values when it picks the mapping alignment.
  const align = elf.loads.reduce(
    (max, load) => (isPowerOfTwo(load.p_align) ? Math.max(max, load.p_align) : max),
    pageSize,
  );
  return { start, length: pageUp(highest, pageSize) - start, mapLength: highest - start, align, pageAlign: pageSize };
}

/** Whether `value` is a power of two (exact for every safe integer). */
export function isPowerOfTwo(value: number): boolean {
  if (!Number.isSafeInteger(value) || value <= 0) return false;
  const big = BigInt(value);
  return (big & (big - 1n)) === 0n;
}
