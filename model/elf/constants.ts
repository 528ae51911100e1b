/**
 * Constants of the ELF64 file header and program headers, with their C names (`<elf.h>`).
 *
 * @module
 */

/** The four magic bytes every ELF file starts with: `\x7fELF`. */
export const ELFMAG: readonly number[] = [0x7f, 0x45, 0x4c, 0x46];
/** e_ident index of the file class. */
export const EI_CLASS = 4;
/** e_ident index of the data encoding. */
export const EI_DATA = 5;
/** e_ident index of the ELF header version. */
export const EI_VERSION = 6;
/** e_ident[EI_CLASS]: 32-bit objects. */
export const ELFCLASS32 = 1;
/** e_ident[EI_CLASS]: 64-bit objects. */
export const ELFCLASS64 = 2;
/** e_ident[EI_DATA]: two's complement, little-endian. */
export const ELFDATA2LSB = 1;
/** e_ident[EI_DATA]: two's complement, big-endian. */
export const ELFDATA2MSB = 2;
/** e_version / e_ident[EI_VERSION]: the current version. */
export const EV_CURRENT = 1;

/** e_type: relocatable file. */
export const ET_REL = 1;
/** e_type: executable file. */
export const ET_EXEC = 2;
/** e_type: shared object (or position-independent executable). */
export const ET_DYN = 3;

/** e_machine: Intel 80386. */
export const EM_386 = 3;
/** e_machine: AMD x86-64, the loader's machine in this model. */
export const EM_X86_64 = 62;
/** e_machine: ARM AArch64. */
export const EM_AARCH64 = 183;

/** sizeof(Elf64_Ehdr). */
export const EHDR_SIZE = 64;
/** sizeof(Elf64_Phdr), the only e_phentsize a loader accepts. */
export const PHDR_SIZE = 56;
/** sizeof(Elf64_Shdr). */
export const SHDR_SIZE = 64;

/** p_type: unused entry. */
export const PT_NULL = 0;
/** p_type: loadable segment. */
export const PT_LOAD = 1;
/** p_type: dynamic linking information. */
export const PT_DYNAMIC = 2;
/** p_type: program interpreter. */
export const PT_INTERP = 3;
/** p_type: auxiliary information. */
export const PT_NOTE = 4;
/** p_type: the program header table itself. */
export const PT_PHDR = 6;
/** p_type: thread-local storage template. */
export const PT_TLS = 7;
/** p_type: GNU .eh_frame_hdr. */
export const PT_GNU_EH_FRAME = 0x6474e550;
/** p_type: GNU stack executability (its p_flags). */
export const PT_GNU_STACK = 0x6474e551;
/** p_type: GNU read-only-after-relocation range. */
export const PT_GNU_RELRO = 0x6474e552;
/** p_type: GNU program properties. */
export const PT_GNU_PROPERTY = 0x6474e553;

/** p_flags: executable. */
export const PF_X = 1;
/** p_flags: writable. */
export const PF_W = 2;
/** p_flags: readable. */
export const PF_R = 4;

/** sh_type: the dynamic linking symbol table. */
export const SHT_DYNSYM = 11;

/** The highest address a user-space mapping can reach on x86-64 with 4-level paging: 2^47. */
export const ADDRESS_LIMIT = 2 ** 47;
