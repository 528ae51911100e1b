/**
 * Comparing a predicted layout with an observed /proc/self/maps: every predicted page mapped,
 * with the predicted protection and backing, and no accessible page in a gap.
 *
 * @module
 */
import { checkBacking, checkProtection, type Piece } from './checks.js';
import { mergeMaps } from './merge.js';
import type { Mismatch, MatchOptions } from './mismatch.js';
import { hexAddress } from './pages.js';
import type { MapsLine } from './proc-maps.js';
import { isAccessible, protString } from './prot.js';
import type { PredictedEntry } from './types.js';

/**
 * The mismatches between `predicted` (relative to the base) and `observed` for an object loaded
 * at `base`. Adjacent observed lines that continue one another are merged first; lines outside
 * every predicted entry are ignored.
 */
export function matchMaps(
  predicted: readonly PredictedEntry[],
  observed: readonly MapsLine[],
  base: number,
  options: MatchOptions = {},
): Mismatch[] {
  const lines = mergeMaps(observed);
  const mismatches: Mismatch[] = [];
  for (const entry of predicted) {
    const start = base + entry.start;
    const end = base + entry.end;
    const pieces = overlapping(lines, start, end);
    if (entry.kind === 'gap') {
      for (const piece of pieces.filter((p) => isAccessible(p.line.prot))) {
        mismatches.push({
          kind: 'accessible-gap', clause: 'dlmem.place.gaps', start: piece.start, end: piece.end,
          detail: `gap [${hexAddress(piece.start)}, ${hexAddress(piece.end)}) between segments ` +
            `is ${protString(piece.line.prot)}`,
        });
      }
      continue;
    }
    for (const hole of holes(pieces, start, end)) {
      mismatches.push({
        kind: 'missing-range', clause: 'dlmem.place.layout', ...hole,
        detail: `[${hexAddress(hole.start)}, ${hexAddress(hole.end)}) of segment ${entry.segment} (${entry.part}) ` +
          'is not mapped',
      });
    }
    for (const piece of pieces) {
      const protection = checkProtection(entry, piece, options);
      if (protection !== undefined) mismatches.push(protection);
      const backing = checkBacking(entry, piece, start, options);
      if (backing !== undefined) mismatches.push(backing);
    }
  }
  return mismatches;
}

/** The parts of `lines` (sorted, non-overlapping) inside `[start, end)`. */
function overlapping(lines: readonly MapsLine[], start: number, end: number): Piece[] {
  return lines
    .filter((line) => line.start < end && line.end > start)
    .map((line) => ({ line, start: Math.max(line.start, start), end: Math.min(line.end, end) }));
}

/** The sub-ranges of `[start, end)` no piece covers. */
function holes(pieces: readonly Piece[], start: number, end: number): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let at = start;
  for (const piece of pieces) {
    if (piece.start > at) found.push({ start: at, end: piece.start });
    at = Math.max(at, piece.end);
  }
  if (at < end) found.push({ start: at, end });
  return found;
}
