/**
 * Constants of the dynamic section, the dynamic symbol table and x86-64 relocations, with their C
 * names (`<elf.h>`).
 *
 * @module
 */

/** sizeof(Elf64_Dyn). */
export const DYN_SIZE = 16;
/** sizeof(Elf64_Sym). */
export const SYM_SIZE = 24;
/** sizeof(Elf64_Rela). */
export const RELA_SIZE = 24;

/** d_tag: end of the dynamic section. */
export const DT_NULL = 0;
/** d_tag: name (string table offset) of a needed library. */
export const DT_NEEDED = 1;
/** d_tag: size in bytes of the PLT relocations. */
export const DT_PLTRELSZ = 2;
/** d_tag: address of the PLT/GOT. */
export const DT_PLTGOT = 3;
/** d_tag: address of the SysV symbol hash table. */
export const DT_HASH = 4;
/** d_tag: address of the string table. */
export const DT_STRTAB = 5;
/** d_tag: address of the symbol table. */
export const DT_SYMTAB = 6;
/** d_tag: address of the Rela relocations. */
export const DT_RELA = 7;
/** d_tag: total size of the Rela relocations. */
export const DT_RELASZ = 8;
/** d_tag: size of one Rela relocation. */
export const DT_RELAENT = 9;
/** d_tag: size of the string table. */
export const DT_STRSZ = 10;
/** d_tag: size of one symbol table entry. */
export const DT_SYMENT = 11;
/** d_tag: address of the init function. */
export const DT_INIT = 12;
/** d_tag: address of the fini function. */
export const DT_FINI = 13;
/** d_tag: name of the shared object. */
export const DT_SONAME = 14;
/** d_tag: library search path (deprecated). */
export const DT_RPATH = 15;
/** d_tag: type of the PLT relocations (DT_RELA or DT_REL). */
export const DT_PLTREL = 20;
/** d_tag: relocations may modify a non-writable segment. */
export const DT_TEXTREL = 22;
/** d_tag: address of the PLT relocations. */
export const DT_JMPREL = 23;
/** d_tag: process relocations at load time. */
export const DT_BIND_NOW = 24;
/** d_tag: address of the array of init functions. */
export const DT_INIT_ARRAY = 25;
/** d_tag: address of the array of fini functions. */
export const DT_FINI_ARRAY = 26;
/** d_tag: size in bytes of DT_INIT_ARRAY. */
export const DT_INIT_ARRAYSZ = 27;
/** d_tag: size in bytes of DT_FINI_ARRAY. */
export const DT_FINI_ARRAYSZ = 28;
/** d_tag: library search path. */
export const DT_RUNPATH = 29;
/** d_tag: flags for the object being loaded (DF_*). */
export const DT_FLAGS = 30;
/** d_tag: address of the GNU-style hash table. */
export const DT_GNU_HASH = 0x6ffffef5;
/** d_tag: address of the symbol version table. */
export const DT_VERSYM = 0x6ffffff0;
/** d_tag: state flags (DF_1_*). */
export const DT_FLAGS_1 = 0x6ffffffb;
/** d_tag: address of the version definitions. */
export const DT_VERDEF = 0x6ffffffc;
/** d_tag: address of the version needs. */
export const DT_VERNEED = 0x6ffffffe;

/** DT_FLAGS: relocations may modify a non-writable segment. */
export const DF_TEXTREL = 0x4;
/** DT_FLAGS: process relocations at load time. */
export const DF_BIND_NOW = 0x8;
/** DT_FLAGS_1: set RTLD_NOW for this object. */
export const DF_1_NOW = 0x1;
/** DT_FLAGS_1: the object is a position-independent executable. */
export const DF_1_PIE = 0x08000000;

/** st_shndx: undefined symbol. */
export const SHN_UNDEF = 0;
/** st_shndx: absolute value. */
export const SHN_ABS = 0xfff1;

/** Symbol binding: local. */
export const STB_LOCAL = 0;
/** Symbol binding: global. */
export const STB_GLOBAL = 1;
/** Symbol binding: weak. */
export const STB_WEAK = 2;
/** Symbol binding: unique global (GNU). */
export const STB_GNU_UNIQUE = 10;

/** Symbol type: unspecified. */
export const STT_NOTYPE = 0;
/** Symbol type: data object. */
export const STT_OBJECT = 1;
/** Symbol type: code object. */
export const STT_FUNC = 2;
/** Symbol type: common data object. */
export const STT_COMMON = 5;
/** Symbol type: thread-local data object. */
export const STT_TLS = 6;
/** Symbol type: indirect code object (GNU). */
export const STT_GNU_IFUNC = 10;

/** Symbol visibility: default. */
export const STV_DEFAULT = 0;
/** Symbol visibility: internal. */
export const STV_INTERNAL = 1;
/** Symbol visibility: hidden. */
export const STV_HIDDEN = 2;

/** Version index bit marking a non-default (hidden) version in DT_VERSYM. */
export const VERSYM_HIDDEN = 0x8000;

/** x86-64 relocation: direct 64-bit. */
export const R_X86_64_64 = 1;
/** x86-64 relocation: create a GOT entry. */
export const R_X86_64_GLOB_DAT = 6;
/** x86-64 relocation: create a PLT entry (lazy binding). */
export const R_X86_64_JUMP_SLOT = 7;
/** x86-64 relocation: adjust by the load base. */
export const R_X86_64_RELATIVE = 8;
