/**
 * The ELF header, checked in the order a loader meets its fields: size, magic, class, encoding,
 * machine, type.
 *
 * @module
 */
import { u16, u64, u8, toNumber, type ImageBytes } from './bytes.js';
import {
  EHDR_SIZE, EI_CLASS, EI_DATA, ELFCLASS64, ELFDATA2LSB, ELFMAG, EM_X86_64, ET_DYN,
} from './constants.js';
import { fail, hex, ok, type Checked } from './defect.js';

/** The fields of Elf64_Ehdr a loader uses. */
export interface ElfHeader {
  /** e_type. */
  e_type: number;
  /** e_machine. */
  e_machine: number;
  /** e_entry, exact below 2^53. */
  e_entry: number;
  /** e_phoff, as read. */
  e_phoff: bigint;
  /** e_phentsize. */
  e_phentsize: number;
  /** e_phnum. */
  e_phnum: number;
  /** e_shoff, as read. */
  e_shoff: bigint;
  /** e_shentsize. */
  e_shentsize: number;
  /** e_shnum. */
  e_shnum: number;
}

/** Reads and checks the ELF header of `img`. */
export function readHeader(img: ImageBytes): Checked<ElfHeader> {
  if (img.size < EHDR_SIZE) {
    return fail('truncated-header', `image is ${img.size} bytes, shorter than the ${EHDR_SIZE}-byte ELF header`);
  }
  const magic = ELFMAG.map((_, i) => u8(img, i) ?? 0);
  if (magic.some((byte, i) => byte !== ELFMAG[i])) {
    return fail('bad-magic', `e_ident[0..4) is ${magic.map((b) => hex(b)).join(' ')}, not 0x7f 'E' 'L' 'F'`);
  }
  const elfClass = u8(img, EI_CLASS) ?? 0;
  if (elfClass !== ELFCLASS64) {
    return fail('wrong-class', `e_ident[EI_CLASS] is ${elfClass}, not ELFCLASS64 (${ELFCLASS64})`);
  }
  const data = u8(img, EI_DATA) ?? 0;
  if (data !== ELFDATA2LSB) {
    return fail('wrong-encoding', `e_ident[EI_DATA] is ${data}, not ELFDATA2LSB (${ELFDATA2LSB})`);
  }
  const header: ElfHeader = {
    e_type: u16(img, 16) ?? 0,
    e_machine: u16(img, 18) ?? 0,
    e_entry: toNumber(u64(img, 24) ?? 0n),
    e_phoff: u64(img, 32) ?? 0n,
    e_shoff: u64(img, 40) ?? 0n,
    e_phentsize: u16(img, 54) ?? 0,
    e_phnum: u16(img, 56) ?? 0,
    e_shentsize: u16(img, 58) ?? 0,
    e_shnum: u16(img, 60) ?? 0,
  };
  if (header.e_machine !== EM_X86_64) {
    return fail('wrong-machine', `e_machine is ${header.e_machine}, not EM_X86_64 (${EM_X86_64})`);
  }
  if (header.e_type !== ET_DYN) return fail('not-dyn', `e_type is ${header.e_type}, not ET_DYN (${ET_DYN})`);
  return ok(header);
}

