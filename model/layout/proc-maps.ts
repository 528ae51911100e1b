/**
 * A tolerant parser for /proc/self/maps: each line becomes a mapping or, when it cannot be read,
 * an error value naming the line.
 *
 * @module
 */
import type { Prot } from './prot.js';

/** One line of /proc/self/maps. */
export interface MapsLine {
  /** First address. */
  start: number;
  /** One past the last address. */
  end: number;
  /** Its protection. */
  prot: Prot;
  /** `s` (MAP_SHARED) rather than `p` (private). */
  shared: boolean;
  /** File offset of `start` (0 for anonymous memory). */
  offset: number;
  /** Device, `major:minor`. */
  dev: string;
  /** Inode (0 for anonymous memory). */
  inode: number;
  /**
   * What backs it: an absolute file path, `memfd:<name>` for a memfd, a bracketed pseudo-name
   * such as `[heap]`, or `anon` for anonymous memory.
   */
  path: string;
  /** The kernel marked the file ` (deleted)`. */
  deleted: boolean;
}

/** A line that could not be read. */
export interface MapsError {
  /** 1-based line number. */
  line: number;
  /** The line. */
  text: string;
  /** Why it could not be read. */
  reason: string;
}

/** The mappings of a /proc/self/maps text, and the lines that could not be read. */
export interface ParsedMaps {
  /** The mappings, in text order. */
  lines: MapsLine[];
  /** The unreadable lines. */
  errors: MapsError[];
}

// start-end perms offset dev inode [path]
const LINE = /^([0-9a-f]+)-([0-9a-f]+)\s+([r-])([w-])([x-])([ps])\s+([0-9a-f]+)\s+([0-9a-f]+:[0-9a-f]+)\s+(\d+) *(.*)$/;
const DELETED = ' (deleted)';

/** Parses /proc/self/maps text; empty lines are skipped. */
export function parseProcMaps(text: string): ParsedMaps {
  const parsed: ParsedMaps = { lines: [], errors: [] };
  text.split('\n').forEach((raw, index) => {
    const text = raw.trimEnd();
    if (text === '') return;
    const m = LINE.exec(text);
    const fail = (reason: string) => parsed.errors.push({ line: index + 1, text, reason });
    if (m === null) return fail('not of the form start-end perms offset dev inode [path]');
    const start = exactHex(m[1] ?? '');
    const end = exactHex(m[2] ?? '');
    const offset = exactHex(m[7] ?? '');
    if (start === undefined || end === undefined || offset === undefined) {
      return fail('a value is not exact as a number');
    }
    if (end <= start) return fail('end is not above start');
    const named = m[10] ?? '';
    const deleted = named.endsWith(DELETED);
    const name = deleted ? named.slice(0, -DELETED.length) : named;
    parsed.lines.push({
      start, end, offset, dev: m[8] ?? '', inode: Number(m[9]), deleted,
      prot: { r: m[3] === 'r', w: m[4] === 'w', x: m[5] === 'x' },
      shared: m[6] === 's',
      path: name === '' ? 'anon' : name.startsWith('/memfd:') ? name.slice(1) : name,
    });
  });
  return parsed;
}

/** Whether `line` is backed by a file (a path or a memfd) rather than anonymous memory. */
export function isFileBacked(line: Pick<MapsLine, 'path'>): boolean {
  return line.path.startsWith('/') || line.path.startsWith('memfd:');
}

/**
 * A hexadecimal value as a number when the conversion is exact. Page-aligned 64-bit addresses
 * always are (they need at most 52 significant bits), so even the vsyscall page parses.
 */
function exactHex(digits: string): number | undefined {
  if (digits === '' || digits.length > 16) return undefined;
  const big = BigInt(`0x${digits}`);
  const value = Number(big);
  return BigInt(value) === big ? value : undefined;
}
