/**
 * What is wrong with an image, as a value: the defect kinds the reader tells apart, the clause
 * each rests on, and the result type of every reading step.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';

/** The classes of malformed image the reader tells apart. */
export type DefectKind =
  | 'truncated-header'
  | 'bad-magic'
  | 'wrong-class'
  | 'wrong-encoding'
  | 'wrong-machine'
  | 'not-dyn'
  | 'phdrs-out-of-range'
  | 'no-load'
  | 'load-out-of-range'
  | 'load-misaligned'
  | 'load-overlap'
  | 'filesz-over-memsz'
  | 'absurd-size'
  | 'no-dynamic'
  | 'segment-out-of-range'
  | 'dynamic-out-of-range';

/** Why an image is rejected. */
export interface ElfDefect {
  /** The class of defect. */
  kind: DefectKind;
  /** The clause that says what a loader does with such an image. */
  clause: ClauseId;
  /** What was found, naming file offsets and field values. */
  detail: string;
}

/** A reading step that succeeded. */
export interface Passed<T> {
  /** Discriminant. */
  ok: true;
  /** What the step read. */
  value: T;
}

/** A reading step that met a defect. */
export interface Failed {
  /** Discriminant. */
  ok: false;
  /** The defect. */
  defect: ElfDefect;
}

/** The outcome of one reading step: its value, or the first defect met. */
export type Checked<T> = Passed<T> | Failed;

/** The clause each defect kind rests on, unless the reader names a more precise one. */
export const DEFECT_CLAUSES: Readonly<Record<DefectKind, ClauseId>> = {
  'truncated-header': 'dlmem.elf.truncated',
  'bad-magic': 'dlmem.elf.bad-magic',
  'wrong-class': 'dlmem.elf.wrong-class',
  'wrong-encoding': 'dlmem.elf.wrong-class',
  'wrong-machine': 'dlmem.elf.wrong-machine',
  'not-dyn': 'dlmem.elf.not-dyn',
  'phdrs-out-of-range': 'dlmem.elf.truncated',
  'no-load': 'dlmem.elf.no-load',
  // The headers lie inside the image but a PT_LOAD file range does not (dlmem.elf.truncated
  // leaves that to dlmem.elf.load-past-size).
  'load-out-of-range': 'dlmem.elf.load-past-size',
  'load-misaligned': 'dlmem.elf.load-misaligned',
  'load-overlap': 'dlmem.elf.load-overlap',
  'filesz-over-memsz': 'dlmem.elf.filesz-over-memsz',
  'absurd-size': 'dlmem.elf.absurd-size',
  'no-dynamic': 'dlmem.elf.no-dynamic',
  // A PT_DYNAMIC, PT_GNU_RELRO or PT_TLS beyond the address space: dlmem.elf.absurd-size speaks of
  // PT_LOADs only, so what is left is that the loader does not crash on it.
  'segment-out-of-range': 'dlmem.elf.no-crash',
  // A table the dynamic section points at lies outside the image: a loader that followed the
  // pointer would read outside the source, which the no-crash clause forbids.
  'dynamic-out-of-range': 'dlmem.elf.no-crash',
};

/**
 * The defect kinds whose clause (dlmem.elf.no-crash) requires only that the loader does not crash,
 * abort, hang or read outside the source: no clause says whether it rejects such an image or loads
 * it (a loader that never follows the pointer, or whose read lands in mapped memory, loads it).
 */
export const OPEN_DEFECTS: ReadonlySet<DefectKind> = new Set<DefectKind>(['dynamic-out-of-range', 'segment-out-of-range']);

/** A failed step: `kind` with its clause from {@link DEFECT_CLAUSES} unless `clause` is given. */
export function fail(kind: DefectKind, detail: string, clause?: ClauseId): Failed {
  return { ok: false, defect: { kind, clause: clause ?? DEFECT_CLAUSES[kind], detail } };
}

/** A successful step. */
export function ok<T>(value: T): Passed<T> {
  return { ok: true, value };
}

/** `value` in hexadecimal with a `0x` prefix, for defect details. */
export function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}
