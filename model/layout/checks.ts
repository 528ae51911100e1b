/**
 * The checks of one observed piece against the predicted range it falls in: protection and
 * backing.
 *
 * @module
 */
import type { Mismatch, MatchOptions } from './mismatch.js';
import { hexAddress } from './pages.js';
import { isFileBacked, type MapsLine } from './proc-maps.js';
import { protString, sameProt } from './prot.js';
import type { PredictedRange } from './types.js';

/** The part `[start, end)` of an observed line that overlaps a predicted entry. */
export interface Piece {
  /** The observed line. */
  line: MapsLine;
  /** First address of the overlap. */
  start: number;
  /** One past its last address. */
  end: number;
}

const where = (piece: Piece) => `[${hexAddress(piece.start)}, ${hexAddress(piece.end)})`;

/** The protection mismatch of `piece`, if any. */
export function checkProtection(range: PredictedRange, piece: Piece, options: MatchOptions): Mismatch | undefined {
  const seen = piece.line.prot;
  const at = { start: piece.start, end: piece.end };
  const segment = `segment ${range.segment} (${range.part})`;
  if ((options.phase ?? 'relocated') === 'relocated') {
    if (sameProt(seen, range.protAfter)) return undefined;
    return {
      kind: 'wrong-protection', clause: 'dlmem.place.protections', ...at,
      detail: `${where(piece)} of ${segment} is ${protString(seen)}, ` +
        `expected ${protString(range.protAfter)} once relocated`,
    };
  }
  if (!seen.r) {
    return {
      kind: 'wrong-protection', clause: 'noreloc.defer.readable', ...at,
      detail: `${where(piece)} of unrelocated ${segment} is ${protString(seen)}, not readable`,
    };
  }
  // Beyond readability, an unrelocated page's permissions are the loader's (noreloc.defer.final-protections).
  return undefined;
}

/** The backing or file-offset mismatch of `piece`, if any. */
export function checkBacking(
  range: PredictedRange, piece: Piece, entryStart: number, options: MatchOptions,
): Mismatch | undefined {
  const expected = options.backing ?? 'any';
  const line = piece.line;
  const at = { start: piece.start, end: piece.end };
  const seen = `${line.path}${line.shared ? ' (shared)' : ''}`;
  if (expected === 'anon') {
    if (!isFileBacked(line) && !line.shared) return undefined;
    return {
      kind: 'wrong-backing', clause: 'dlmem.place.genbuf-copy', ...at,
      detail: `${where(piece)} of segment ${range.segment} is backed by ${seen}, expected private anonymous memory`,
    };
  }
  if (expected !== 'file' || range.backing !== 'file' || range.fileOffset === undefined) return undefined;
  if (!isFileBacked(line) || line.shared || (options.file !== undefined && line.path !== options.file)) {
    return {
      kind: 'wrong-backing', clause: 'dlmem.place.zero-copy', ...at,
      detail: `${where(piece)} of segment ${range.segment} is backed by ${seen}, ` +
        `expected a private mapping of ${options.file ?? 'the file'}`,
    };
  }
  const wanted = range.fileOffset + (options.fileOffsetBias ?? 0) + (piece.start - entryStart);
  const actual = line.offset + (piece.start - line.start);
  if (wanted === actual) return undefined;
  return {
    kind: 'wrong-file-offset', clause: 'dlmem.place.file-offsets', ...at,
    detail: `${where(piece)} of segment ${range.segment} maps file offset ${hexAddress(actual)}, ` +
      `expected ${hexAddress(wanted)}`,
  };
}
