/**
 * Translating load addresses (p_vaddr-relative, as the dynamic section gives them) to file
 * offsets through the PT_LOAD segments.
 *
 * @module
 */
import { toSafe } from './bytes.js';
import type { LoadSegment } from './types.js';

/** Where an address's bytes are in the file, and how many follow it in the same segment. */
export interface FileSpan {
  /** File offset of the address. */
  offset: number;
  /** Bytes from `offset` to the end of the segment's file-backed part. */
  available: number;
}

/**
 * The file span of `vaddr`: defined when `vaddr` lies in the file-backed part
 * `[p_vaddr, p_vaddr + p_filesz)` of a PT_LOAD. Loads are validated, so the span is inside the
 * image.
 */
export function spanAt(loads: readonly LoadSegment[], vaddr: number | bigint): FileSpan | undefined {
  const address = typeof vaddr === 'bigint' ? toSafe(vaddr) : vaddr;
  if (address === undefined || !Number.isSafeInteger(address)) return undefined;
  for (const load of loads) {
    if (address >= load.p_vaddr && address < load.p_vaddr + load.p_filesz) {
      const delta = address - load.p_vaddr;
      return { offset: load.p_offset + delta, available: load.p_filesz - delta };
    }
  }
  return undefined;
}

/** How many `entrySize`-byte entries of a table of `tableSize` bytes at `span` the file holds. */
export function entriesWithin(span: FileSpan, tableSize: number | bigint, entrySize: number): number {
  const size = typeof tableSize === 'bigint' ? (toSafe(tableSize) ?? Number.MAX_SAFE_INTEGER) : tableSize;
  return Math.floor(Math.min(size, span.available) / entrySize);
}
