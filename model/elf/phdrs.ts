/**
 * The program header table: located, bounds-checked and read as raw 64-bit fields, before any
 * segment is validated.
 *
 * @module
 */
import { fits, toSafe, u32, u64, type ImageBytes } from './bytes.js';
import { PHDR_SIZE } from './constants.js';
import { fail, hex, ok, type Checked } from './defect.js';
import type { ElfHeader } from './header.js';

/** One Elf64_Phdr as read, before validation. */
export interface RawPhdr {
  /** Its index in the program header table. */
  index: number;
  /** p_type. */
  p_type: number;
  /** p_flags. */
  p_flags: number;
  /** p_offset. */
  p_offset: bigint;
  /** p_vaddr. */
  p_vaddr: bigint;
  /** p_filesz. */
  p_filesz: bigint;
  /** p_memsz. */
  p_memsz: bigint;
  /** p_align. */
  p_align: bigint;
}

/**
 * Reads the program header table. It must use 56-byte entries (a loader rejects any other
 * e_phentsize, as dlopen of the same file would) and lie entirely inside the image.
 */
export function readProgramHeaders(img: ImageBytes, header: ElfHeader): Checked<RawPhdr[]> {
  if (header.e_phnum > 0 && header.e_phentsize !== PHDR_SIZE) {
    return fail(
      'phdrs-out-of-range',
      `e_phentsize is ${header.e_phentsize}, not sizeof(Elf64_Phdr) = ${PHDR_SIZE}`,
      'dlmem.elf.dlopen-equivalence',
    );
  }
  const length = header.e_phnum * PHDR_SIZE;
  const offset = toSafe(header.e_phoff);
  if (offset === undefined || !fits(img, offset, length)) {
    return fail(
      'phdrs-out-of-range',
      `program header table [${hex(header.e_phoff)}, ${hex(header.e_phoff + BigInt(length))}) ` +
        `(e_phnum ${header.e_phnum}) extends past the image size ${hex(img.size)}`,
    );
  }
  const phdrs: RawPhdr[] = [];
  // e_phnum is at most 65535 and the table was just checked to fit inside the image.
  for (let index = 0; index < header.e_phnum; index++) {
    const at = offset + index * PHDR_SIZE;
    phdrs.push({
      index,
      p_type: u32(img, at) ?? 0,
      p_flags: u32(img, at + 4) ?? 0,
      p_offset: u64(img, at + 8) ?? 0n,
      p_vaddr: u64(img, at + 16) ?? 0n,
      p_filesz: u64(img, at + 32) ?? 0n,
      p_memsz: u64(img, at + 40) ?? 0n,
      p_align: u64(img, at + 48) ?? 0n,
    });
  }
  return ok(phdrs);
}
