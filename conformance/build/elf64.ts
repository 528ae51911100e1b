/**
 * Just enough of ELF64 (little-endian) to derive malformed images from a good one: the header
 * fields that locate the program headers, the program headers' type, flags, file range and
 * address range, and the dynamic section's entries.
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
  /** p_flags. */
  readonly flags: number;
  /** p_offset. */
  readonly offset: number;
  /** p_vaddr. */
  readonly vaddr: number;
  /** p_filesz. */
  readonly filesz: number;
  /** p_memsz. */
  readonly memsz: number;
}

/** PT_LOAD. */
export const PT_LOAD = 1;
/** PT_DYNAMIC. */
export const PT_DYNAMIC = 2;
/** PT_GNU_STACK. */
export const PT_GNU_STACK = 0x6474e551;
/** PF_X. */
export const PF_X = 1;
/** ET_EXEC. */
export const ET_EXEC = 2;
/** DT_NEEDED. */
export const DT_NEEDED = 1;
/** DT_STRTAB. */
export const DT_STRTAB = 5;

/** Byte offsets of the fields the generators patch. */
export const ELF_OFFSETS = {
  /** EI_CLASS in e_ident. */
  class: 4,
  /** e_type. */
  type: 0x10,
  /** e_machine. */
  machine: 0x12,
} as const;

/** Byte offsets of the fields the generators patch within one program header. */
export const PHDR_OFFSETS = {
  /** p_flags. */
  flags: 4,
  /** p_offset. */
  offset: 8,
  /** p_memsz. */
  memsz: 40,
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
      flags: v.getUint32(at + 4, true),
      offset: Number(v.getBigUint64(at + 8, true)),
      vaddr: Number(v.getBigUint64(at + 16, true)),
      filesz: Number(v.getBigUint64(at + 32, true)),
      memsz: Number(v.getBigUint64(at + 40, true)),
    };
  });
}

/** One dynamic section entry. */
export interface Elf64Dyn {
  /** d_tag. */
  readonly tag: number;
  /** d_val / d_ptr. */
  readonly value: number;
}

/** The entries of the PT_DYNAMIC segment, read at its p_offset up to DT_NULL (none without one). */
export function readDynamic(bytes: Uint8Array, phdrs: readonly Elf64Phdr[]): readonly Elf64Dyn[] {
  const dynamic = phdrs.find((p) => p.type === PT_DYNAMIC);
  if (!dynamic) return [];
  const v = view(bytes);
  const out: Elf64Dyn[] = [];
  const end = Math.min(dynamic.offset + dynamic.filesz, bytes.length);
  for (let at = dynamic.offset; at + 16 <= end; at += 16) {
    const tag = Number(v.getBigInt64(at, true));
    if (tag === 0) break;
    out.push({ tag, value: Number(v.getBigUint64(at + 8, true)) });
  }
  return out;
}

/** The file offset of virtual address `vaddr`, when a PT_LOAD's file bytes hold it. */
export function fileOffsetOf(phdrs: readonly Elf64Phdr[], vaddr: number): number | undefined {
  const load = phdrs.find((p) => p.type === PT_LOAD && vaddr >= p.vaddr && vaddr < p.vaddr + p.filesz);
  return load === undefined ? undefined : vaddr - load.vaddr + load.offset;
}

/** Stores a little-endian u16 / u32 into a copy-on-write image. */
export function setU16(bytes: Uint8Array, at: number, value: number): void {
  view(bytes).setUint16(at, value, true);
}

/** Stores a little-endian u32. */
export function setU32(bytes: Uint8Array, at: number, value: number): void {
  view(bytes).setUint32(at, value, true);
}

/** Stores a little-endian u64. */
export function setU64(bytes: Uint8Array, at: number, value: bigint): void {
  view(bytes).setBigUint64(at, value, true);
}
