/**
 * How an observed address space departs from a predicted layout, as values.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';

/** The ways an observed mapping can depart from the prediction. */
export type MismatchKind =
  | 'missing-range'
  | 'wrong-protection'
  | 'wrong-backing'
  | 'wrong-file-offset'
  | 'accessible-gap';

/** One departure, over an absolute address range. */
export interface Mismatch {
  /** What is wrong. */
  kind: MismatchKind;
  /** The clause it breaks. */
  clause: ClauseId;
  /** First address concerned. */
  start: number;
  /** One past the last address concerned. */
  end: number;
  /** What was expected and what was seen. */
  detail: string;
}

/** Which backing the segments' file pages must have. */
export type ExpectedBacking = 'file' | 'anon' | 'any';

/** How to compare. */
export interface MatchOptions {
  /**
   * `file`: file pages are private mappings of the file at the predicted offsets (zero-copy, or
   * dlopen); `anon`: every segment page is private anonymous memory (a copy); `any`: backing is
   * not checked (default).
   */
  backing?: ExpectedBacking;
  /** For `file`: the path the mappings must name (default: any file). */
  file?: string;
  /** For `file`: added to every predicted file offset (the source mapping's own offset; default 0). */
  fileOffsetBias?: number;
  /**
   * `relocated` (default): pages have their final protections. `unrelocated`: pages must be
   * readable; their other permissions are the loader's (noreloc.defer.final-protections).
   */
  phase?: 'relocated' | 'unrelocated';
}
