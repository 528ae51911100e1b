/**
 * What a conforming load maps, predicted from the program headers.
 *
 * @module
 */
import type { Prot } from './prot.js';

/** A page-aligned range of one segment with uniform protection and backing, relative to the base. */
export interface PredictedRange {
  /** Discriminant. */
  kind: 'segment';
  /** First byte, relative to the base (page-aligned). */
  start: number;
  /** One past the last byte, relative to the base (page-aligned). */
  end: number;
  /** The protection a loader maps before relocation: the segment's p_flags. */
  protBefore: Prot;
  /** The protection once relocated: p_flags, or read-only inside PT_GNU_RELRO. */
  protAfter: Prot;
  /** `file` for pages holding file bytes (a copying loader makes them anonymous), `anon` for .bss pages. */
  backing: 'file' | 'anon';
  /** For file-backed pages: the file offset of `start`, page-rounded p_offset plus (start - page-rounded p_vaddr). */
  fileOffset?: number;
  /** Index of the segment in `loads`. */
  segment: number;
  /** Whether the pages hold file bytes (the last one possibly followed by zeros) or only zeros. */
  part: 'file' | 'bss';
}

/** Address space between two segments inside the extent: PROT_NONE or unmapped, never accessible. */
export interface PredictedGap {
  /** Discriminant. */
  kind: 'gap';
  /** First byte, relative to the base. */
  start: number;
  /** One past the last byte, relative to the base. */
  end: number;
}

/** One entry of a predicted layout. */
export type PredictedEntry = PredictedRange | PredictedGap;
