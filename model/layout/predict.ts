/**
 * Layout prediction: the ranges a conforming load maps for each PT_LOAD, relative to the base.
 *
 * A segment maps its file part `[pageDown(p_vaddr), pageUp(p_vaddr + p_filesz))` from file offset
 * `pageDown(p_offset)`; the bytes of its last page past p_filesz are zeroed in place; the pages
 * up to `pageUp(p_vaddr + p_memsz)` are anonymous zero pages. After relocation the pages from
 * `pageDown(relro.vaddr)` to `pageDown(relro.vaddr + relro.memsz)` are read-only (glibc rounds
 * both ends down). A later segment that starts on the last page of an earlier one takes that
 * page over, as with glibc's MAP_FIXED mappings. Everything else inside the extent is a gap.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ElfImage, LoadSegment } from '../elf/index.js';
import { pageDown, pageUp } from './pages.js';
import { PROT_READ_ONLY, protOfSegment } from './prot.js';
import type { PredictedEntry, PredictedGap, PredictedRange } from './types.js';

/** The clauses the predicted layout rests on. */
export const LAYOUT_CLAUSES: readonly ClauseId[] = [
  'dlmem.place.layout',
  'dlmem.place.bss-zero',
  'dlmem.place.protections',
  'dlmem.place.gaps',
  'noreloc.defer.final-protections',
];

/** The predicted ranges and gaps of `elf`, sorted by start, relative to the base. */
export function predictLayout(elf: Pick<ElfImage, 'loads' | 'relro'>, pageSize = 4096): PredictedEntry[] {
  const relro = elf.relro === undefined
    ? undefined
    : { start: pageDown(elf.relro.vaddr, pageSize), end: pageDown(elf.relro.vaddr + elf.relro.memsz, pageSize) };
  const pieces = elf.loads.map((load, segment) => segmentPieces(load, segment, pageSize));
  // Each segment ends where the next segment that maps anything begins (computed from the back).
  const limits: number[] = [];
  let nextStart = Infinity;
  for (let i = pieces.length - 1; i >= 0; i--) {
    limits[i] = nextStart;
    nextStart = Math.min(nextStart, pieces[i]?.[0]?.start ?? Infinity);
  }
  const entries: PredictedEntry[] = [];
  let previousEnd: number | undefined;
  pieces.forEach((own, segment) => {
    const limit = limits[segment] ?? Infinity;
    const kept = own.map((piece) => clip(piece, limit)).filter((piece) => piece.end > piece.start);
    const first = kept[0];
    if (first === undefined) return;
    if (previousEnd !== undefined && first.start > previousEnd) entries.push(gap(previousEnd, first.start));
    for (const piece of kept) entries.push(...splitAtRelro(piece, relro));
    previousEnd = Math.max(previousEnd ?? 0, ...kept.map((piece) => piece.end));
  });
  return entries;
}

/** The file part and the .bss part of one segment, before clipping and RELRO. */
function segmentPieces(load: LoadSegment, segment: number, pageSize: number): PredictedRange[] {
  const prot = protOfSegment(load);
  const mapStart = pageDown(load.p_vaddr, pageSize);
  const mapEnd = pageUp(load.p_vaddr + load.p_filesz, pageSize);
  const allocEnd = pageUp(load.p_vaddr + load.p_memsz, pageSize);
  const pieces: PredictedRange[] = [];
  if (mapEnd > mapStart) {
    pieces.push({
      kind: 'segment', start: mapStart, end: mapEnd, protBefore: prot, protAfter: prot, backing: 'file',
      fileOffset: pageDown(load.p_offset, pageSize), segment, part: 'file',
    });
  }
  if (allocEnd > mapEnd) {
    pieces.push({
      kind: 'segment', start: mapEnd, end: allocEnd, protBefore: prot, protAfter: prot, backing: 'anon', segment,
      part: 'bss',
    });
  }
  return pieces;
}

function clip(piece: PredictedRange, limit: number): PredictedRange {
  return piece.end <= limit ? piece : { ...piece, end: Math.max(piece.start, limit) };
}

/** Splits `piece` where the RELRO range begins and ends; the part inside is read-only after relocation. */
function splitAtRelro(piece: PredictedRange, relro: { start: number; end: number } | undefined): PredictedRange[] {
  if (relro === undefined || relro.end <= piece.start || relro.start >= piece.end || relro.end <= relro.start) {
    return [piece];
  }
  const cuts = [piece.start, Math.max(piece.start, relro.start), Math.min(piece.end, relro.end), piece.end];
  const parts: PredictedRange[] = [];
  for (let i = 0; i < 3; i++) {
    const start = cuts[i] ?? piece.start;
    const end = cuts[i + 1] ?? piece.end;
    if (end <= start) continue;
    const part: PredictedRange = { ...piece, start, end, protAfter: i === 1 ? PROT_READ_ONLY : piece.protAfter };
    if (piece.fileOffset !== undefined) part.fileOffset = piece.fileOffset + (start - piece.start);
    parts.push(part);
  }
  return parts;
}

function gap(start: number, end: number): PredictedGap {
  return { kind: 'gap', start, end };
}
