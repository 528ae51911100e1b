/**
 * The dynamic section's entries, read from the file bytes PT_DYNAMIC's address translates to,
 * up to DT_NULL or the end of those bytes.
 *
 * @module
 */
import { toSafe, u64, type ImageBytes } from './bytes.js';
import { DT_NEEDED, DT_NULL, DYN_SIZE } from './dyn-constants.js';
import { fail, hex, ok, type Checked } from './defect.js';
import type { DynamicSegment } from './segments.js';
import type { LoadSegment } from './types.js';
import { entriesWithin, spanAt } from './vaddr.js';

/** The dynamic entries of an image. */
export interface DynamicTable {
  /** The value of each tag; when a tag occurs twice the last wins, as in glibc. */
  values: ReadonlyMap<number, bigint>;
  /** The DT_NEEDED values (string table offsets), in order. */
  needed: readonly bigint[];
}

/** Reads the dynamic section PT_DYNAMIC points at; it must lie in the file-backed part of a PT_LOAD. */
export function readDynamicTable(
  img: ImageBytes,
  loads: readonly LoadSegment[],
  segment: DynamicSegment,
): Checked<DynamicTable> {
  const span = spanAt(loads, segment.vaddr);
  if (span === undefined) {
    return fail(
      'dynamic-out-of-range',
      `PT_DYNAMIC p_vaddr ${hex(segment.vaddr)} is not in the file-backed part of any PT_LOAD`,
    );
  }
  const values = new Map<number, bigint>();
  const needed: bigint[] = [];
  const count = entriesWithin(span, segment.filesz, DYN_SIZE);
  for (let i = 0; i < count; i++) {
    const at = span.offset + i * DYN_SIZE;
    const rawTag = u64(img, at) ?? 0n;
    const value = u64(img, at + 8) ?? 0n;
    if (rawTag === BigInt(DT_NULL)) break;
    const tag = toSafe(rawTag);
    if (tag === undefined) continue; // negative (processor-specific) tags: nothing the model reads
    if (tag === DT_NEEDED) needed.push(value);
    values.set(tag, value);
  }
  return ok({ values, needed });
}
