/**
 * Merging adjacent /proc/self/maps lines that describe one mapping the kernel happens to show
 * in pieces.
 *
 * @module
 */
import type { MapsLine } from './proc-maps.js';
import { isFileBacked } from './proc-maps.js';
import { sameProt } from './prot.js';

/** Whether `b` continues `a`: adjacent, same protection, sharing and backing, and for a file the next offset. */
export function continues(a: MapsLine, b: MapsLine): boolean {
  return (
    a.end === b.start && sameProt(a.prot, b.prot) && a.shared === b.shared && a.path === b.path &&
    a.dev === b.dev && a.inode === b.inode && a.deleted === b.deleted &&
    (!isFileBacked(a) || b.offset === a.offset + (a.end - a.start))
  );
}

/** `lines` sorted by start, with every run of lines that continue one another merged into one. */
export function mergeMaps(lines: readonly MapsLine[]): MapsLine[] {
  const merged: MapsLine[] = [];
  for (const line of [...lines].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && continues(last, line)) merged[merged.length - 1] = { ...last, end: line.end };
    else merged.push({ ...line });
  }
  return merged;
}
