/**
 * Layout requirements as values: what an object's mappings in /proc/self/maps must look like
 * after a step that placed, moved, relocated or unloaded it. One object gives several checks (its
 * pages present, their protections, its gaps, their backing, their file offsets, its base), each
 * resting on its own clause, so that a departure names the clause it broke.
 *
 * @module
 */
import type { PredictedEntry } from '../../../model/layout/index.js';

/** How an object's segment pages must be backed. */
export type LayoutBacking =
  /** Not judged here (no clause says). */
  | { readonly kind: 'any' }
  /**
   * dlmem.place.zero-copy (implementation-defined): either every file page maps the source's file
   * at `fileOffset + page-rounded p_offset` (zero-copy), or every segment page is anonymous (a
   * copy); the verdict records which. `sharedAllowed`: the source was a shared mapping, whose
   * pages may stay shared (dlmem.source.shared-later-writes). `source`: whether the source's file
   * is a regular file or a memfd; pages of another kind of file (a memfd copy of a regular file)
   * are neither zero-copy nor an anonymous copy.
   */
  | { readonly kind: 'file-or-copy'; readonly fileOffset: number; readonly sharedAllowed: boolean; readonly source: 'file' | 'memfd' }
  /** Every segment page is private anonymous memory (dlmem.place.genbuf-copy). */
  | { readonly kind: 'anon' }
  /** The premap mapping is kept: with a shared premap, every page of the extent is that shared memory (dlmem.place.dontreplace). */
  | { readonly kind: 'premap-kept'; readonly shared: boolean }

/** The parts of an object's layout, each judged on its own. */
export type LayoutPart = 'present' | 'readable' | 'prot' | 'gaps' | 'backing' | 'offsets' | 'base' | 'align' | 'visible';

/** One object's expected layout, shared by the checks of its parts. */
export interface ObjectLayout {
  /** The model object. */
  readonly object: number;
  /** The file name its dlpi_name ends with, or undefined when any name will do (a dlmem object). */
  readonly fileName: string | undefined;
  /** Its page-rounded extent length, which the observed extent must have. */
  readonly span: number;
  /** Where the lowest PT_LOAD page is, relative to the base (extent start). */
  readonly extentStart: number;
  /** The predicted ranges and gaps relative to the base (model/layout/predict.ts). */
  readonly predicted: readonly PredictedEntry[];
  /** Before relocation only readability and no excess permission are required; after, the final protections. */
  readonly phase: 'relocated' | 'unrelocated';
  /** How its pages are backed. */
  readonly backing: LayoutBacking;
  /** The premap call (index in the step) whose returned address is the extent's start, if any. */
  readonly premap: number | undefined;
  /** The page size, which the extent's start is a multiple of. */
  readonly page: number;
  /** The largest power-of-two p_align, which a loader may also honour (dlmem.place.align). */
  readonly align: number;
  /** Moved by dlset_object_base since its extent was bound: it is found again at the new one. */
  readonly moved?: boolean;
  /** For an object with no file name (from dlmem): the file names of the objects loaded from files, which it is not. */
  readonly fileObjects?: readonly string[];
  /** For a moved object once relocated: the caller's region its extent starts at (noreloc.setbase.records). */
  readonly movedTo?: string;
}

/** One part of an object's layout. */
export interface LayoutCheck {
  /** Discriminant. */
  readonly kind: 'layout';
  /** Which part. */
  readonly part: LayoutPart;
  /** The object's expected layout. */
  readonly layout: ObjectLayout;
}

/** After an unload: nothing is left mapped in the extent the object had, except a region the caller owns. */
export interface UnloadedCheck {
  /** Discriminant. */
  readonly kind: 'unloaded';
  /** The model object. */
  readonly object: number;
  /** The file name its dlpi_name ended with, or undefined for a dlmem object. */
  readonly fileName: string | undefined;
  /** Its page-rounded extent length. */
  readonly span: number;
}
