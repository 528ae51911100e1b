/**
 * Mutators that derive malformed images from a valid one, and one mutation per defect kind.
 * Each returns a modified copy; the input is never changed.
 *
 * @module
 */
import {
  EHDR_SIZE, ELFCLASS32, ELFDATA2MSB, EM_AARCH64, ET_EXEC, PHDR_SIZE, PT_DYNAMIC, PT_LOAD, PT_NULL,
} from '../constants.js';
import type { DefectKind } from '../defect.js';

/** An Elf64_Ehdr field mutators can set. */
export type EhdrField =
  | 'e_type' | 'e_machine' | 'e_version' | 'e_entry' | 'e_phoff' | 'e_shoff' | 'e_phentsize' | 'e_phnum'
  | 'e_shentsize' | 'e_shnum';

/** An Elf64_Phdr field mutators can set. */
export type PhdrField = 'p_type' | 'p_flags' | 'p_offset' | 'p_vaddr' | 'p_paddr' | 'p_filesz' | 'p_memsz' | 'p_align';

/** Where a field is: byte offset and width. */
export type FieldPlace = readonly [offset: number, width: 1 | 2 | 4 | 8];

/** The Elf64_Ehdr fields mutators can set: offset and width in bytes. */
export const EHDR_FIELDS: Readonly<Record<EhdrField, FieldPlace>> = {
  e_type: [16, 2], e_machine: [18, 2], e_version: [20, 4], e_entry: [24, 8], e_phoff: [32, 8], e_shoff: [40, 8],
  e_phentsize: [54, 2], e_phnum: [56, 2], e_shentsize: [58, 2], e_shnum: [60, 2],
};

/** The Elf64_Phdr fields mutators can set: offset and width in bytes. */
export const PHDR_FIELDS: Readonly<Record<PhdrField, FieldPlace>> = {
  p_type: [0, 4], p_flags: [4, 4], p_offset: [8, 8], p_vaddr: [16, 8], p_paddr: [24, 8], p_filesz: [32, 8],
  p_memsz: [40, 8], p_align: [48, 8],
};

/** A copy of `bytes` with the little-endian `width`-byte value at `offset` set to `value`. */
export function setField(bytes: Uint8Array, offset: number, width: 1 | 2 | 4 | 8, value: number | bigint): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const v = BigInt.asUintN(width * 8, BigInt(value));
  if (width === 8) view.setBigUint64(offset, v, true);
  else if (width === 4) view.setUint32(offset, Number(v), true);
  else if (width === 2) view.setUint16(offset, Number(v), true);
  else view.setUint8(offset, Number(v));
  return copy;
}

/** A copy with an ELF header field set. */
export function setHeader(bytes: Uint8Array, field: EhdrField, value: number | bigint): Uint8Array {
  const [offset, width] = EHDR_FIELDS[field];
  return setField(bytes, offset, width, value);
}

/** A copy with a field of program header `index` set (the builder puts the table at e_phoff 64). */
export function setPhdr(bytes: Uint8Array, index: number, field: PhdrField, value: number | bigint): Uint8Array {
  const [offset, width] = PHDR_FIELDS[field];
  return setField(bytes, EHDR_SIZE + index * PHDR_SIZE + offset, width, value);
}

/** Reads a field of program header `index` of a built image. */
export function getPhdr(bytes: Uint8Array, index: number, field: PhdrField): bigint {
  const [offset, width] = PHDR_FIELDS[field];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = EHDR_SIZE + index * PHDR_SIZE + offset;
  return width === 8 ? view.getBigUint64(at, true) : BigInt(view.getUint32(at, true));
}

/** The indices of the program headers of type `p_type` in a built image. */
export function phdrIndices(bytes: Uint8Array, p_type: number): number[] {
  const phnum = new DataView(bytes.buffer, bytes.byteOffset).getUint16(EHDR_FIELDS.e_phnum[0], true);
  return Array.from({ length: phnum }, (_, i) => i).filter((i) => getPhdr(bytes, i, 'p_type') === BigInt(p_type));
}

/** The first `length` bytes. */
export function truncate(bytes: Uint8Array, length: number): Uint8Array {
  return bytes.slice(0, length);
}

function nth(bytes: Uint8Array, p_type: number, n: number): number {
  const index = phdrIndices(bytes, p_type)[n];
  if (index === undefined) throw new Error(`the image has no program header ${n} of type ${p_type}`);
  return index;
}

/**
 * One mutation per defect kind, each of which turns a valid built image with at least two
 * PT_LOADs and a PT_DYNAMIC into an image the reader rejects with that kind.
 */
export const DEFECT_MUTATIONS: Readonly<Record<DefectKind, (valid: Uint8Array) => Uint8Array>> = {
  'truncated-header': (b) => truncate(b, EHDR_SIZE - 1),
  'bad-magic': (b) => setField(b, 1, 1, 0x45 ^ 0x20),
  'wrong-class': (b) => setField(b, 4, 1, ELFCLASS32),
  'wrong-encoding': (b) => setField(b, 5, 1, ELFDATA2MSB),
  'wrong-machine': (b) => setHeader(b, 'e_machine', EM_AARCH64),
  'not-dyn': (b) => setHeader(b, 'e_type', ET_EXEC),
  'phdrs-out-of-range': (b) => setHeader(b, 'e_phoff', b.length - PHDR_SIZE),
  'no-load': (b) => phdrIndices(b, PT_LOAD).reduce((img, i) => setPhdr(img, i, 'p_type', PT_NULL), b),
  'load-out-of-range': (b) => {
    const last = nth(b, PT_LOAD, phdrIndices(b, PT_LOAD).length - 1);
    return setPhdr(b, last, 'p_filesz', BigInt(b.length) - getPhdr(b, last, 'p_offset') + 1n);
  },
  'load-misaligned': (b) => {
    const i = nth(b, PT_LOAD, 1);
    return setPhdr(b, i, 'p_vaddr', getPhdr(b, i, 'p_vaddr') + 0x10n);
  },
  'load-overlap': (b) => setPhdr(b, nth(b, PT_LOAD, 1), 'p_vaddr', 0),
  'filesz-over-memsz': (b) => {
    const i = nth(b, PT_LOAD, 0);
    return setPhdr(b, i, 'p_memsz', getPhdr(b, i, 'p_filesz') - 1n);
  },
  'absurd-size': (b) => {
    const last = nth(b, PT_LOAD, phdrIndices(b, PT_LOAD).length - 1);
    return setPhdr(b, last, 'p_memsz', 1n << 62n);
  },
  'no-dynamic': (b) => setPhdr(b, nth(b, PT_DYNAMIC, 0), 'p_type', PT_NULL),
  'segment-out-of-range': (b) => setPhdr(b, nth(b, PT_DYNAMIC, 0), 'p_vaddr', 1n << 62n),
  'dynamic-out-of-range': (b) => setPhdr(b, nth(b, PT_DYNAMIC, 0), 'p_vaddr', 0x7fff0000),
};
