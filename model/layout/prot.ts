/**
 * Page protections as the three bits a mapping shows in /proc/self/maps.
 *
 * @module
 */
import type { LoadSegment } from '../elf/index.js';

/** A page's protection: readable, writable, executable. */
export interface Prot {
  /** PROT_READ. */
  r: boolean;
  /** PROT_WRITE. */
  w: boolean;
  /** PROT_EXEC. */
  x: boolean;
}

/** PROT_NONE. */
export const PROT_NONE: Prot = { r: false, w: false, x: false };

/** PROT_READ alone: what PT_GNU_RELRO pages become after relocation. */
export const PROT_READ_ONLY: Prot = { r: true, w: false, x: false };

/** The protection a segment's p_flags ask for. */
export function protOfSegment(load: Pick<LoadSegment, 'r' | 'w' | 'x'>): Prot {
  return { r: load.r, w: load.w, x: load.x };
}

/** The `rwx` form /proc/self/maps uses, for example `r-x`. */
export function protString(prot: Prot): string {
  return `${prot.r ? 'r' : '-'}${prot.w ? 'w' : '-'}${prot.x ? 'x' : '-'}`;
}

/** Whether two protections are the same. */
export function sameProt(a: Prot, b: Prot): boolean {
  return a.r === b.r && a.w === b.w && a.x === b.x;
}

/** Whether any access is allowed. */
export function isAccessible(prot: Prot): boolean {
  return prot.r || prot.w || prot.x;
}
