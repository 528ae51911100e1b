/**
 * Just enough of ELF64 (little-endian) to derive malformed images from a good one: the header
 * fields that locate the program headers, and the program headers' type and file range.
 *
 * @module
 */

/** ELF header fields the generators use. */
export interface Elf64Header {
  /** e_phoff: file offset of the program header table. */
  readonly phoff: number;
  /** e_phentsize: size of one program header. */
  readonly phentsize: number;
  /** e_phnum: number of program headers. */
  readonly phnum: number;
  /** e_ehsize: size of the ELF header. */
  readonly ehsize: number;
}

/** One program header, with where it sits in the file. */
export interface Elf64Phdr {
  /** File offset of this header entry (to patch it). */
  readonly at: number;
  /** p_type. */
  readonly type: number;
  /** p_offset. */
  readonly offset: number;
  /** p_filesz. */
  readonly filesz: number;
}

/** PT_LOAD. */
export const PT_LOAD = 1;

/** Byte offsets of the fields the generators patch. */
export const ELF_OFFSETS = {
  /** EI_CLASS in e_ident. */
  class: 4,
  /** e_machine. */
  machine: 0x12,
} as const;

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Reads the header of a 64-bit little-endian ELF image; a string says why it is not one. */
export function readHeader(bytes: Uint8Array): Elf64Header | string {
  if (bytes.length < 64) return 'shorter than an ELF64 header';
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return 'no ELF magic';
  if (bytes[4] !== 2 || bytes[5] !== 1) return 'not ELFCLASS64 little-endian';
  const v = view(bytes);
  const header = {
    phoff: Number(v.getBigUint64(0x20, true)),
    ehsize: v.getUint16(0x34, true),
    phentsize: v.getUint16(0x36, true),
    phnum: v.getUint16(0x38, true),
  };
  if (header.phoff + header.phnum * header.phentsize > bytes.length) return 'program headers past the end';
  return header;
}

/** The program headers. */
export function readPhdrs(bytes: Uint8Array, header: Elf64Header): readonly Elf64Phdr[] {
  const v = view(bytes);
  return Array.from({ length: header.phnum }, (_, i) => {
    const at = header.phoff + i * header.phentsize;
    return {
      at,
      type: v.getUint32(at, true),
      offset: Number(v.getBigUint64(at + 8, true)),
      filesz: Number(v.getBigUint64(at + 32, true)),
    };
  });
}

/** Stores a little-endian u16 / u32 into a copy-on-write image. */
export function setU16(bytes: Uint8Array, at: number, value: number): void {
  view(bytes).setUint16(at, value, true);
}

/** Stores a little-endian u32. */
export function setU32(bytes: Uint8Array, at: number, value: number): void {
  view(bytes).setUint32(at, value, true);
}
