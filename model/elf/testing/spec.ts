/**
 * What the test builder can put in an image.
 *
 * @module
 */

/** A dynamic symbol to emit. */
export interface BuildSymbol {
  /** Its name. */
  name: string;
  /** Whether the object defines it (st_shndx non-zero) or only references it. */
  defined: boolean;
  /** Its type (default `func`). */
  type?: 'func' | 'object' | 'tls' | 'notype';
  /** Its binding (default `global`). */
  bind?: 'global' | 'weak' | 'local';
  /** STV_HIDDEN instead of STV_DEFAULT. */
  hidden?: boolean;
  /** st_value (default: inside the first segment after the metadata one). */
  value?: number;
  /** st_size (default 8). */
  size?: number;
  /** Mark its DT_VERSYM entry as a non-default version (only with `versym`). */
  hiddenVersion?: boolean;
}

/** A relocation against a named symbol. */
export interface BuildReloc {
  /** The symbol's name (must be in `symbols`). */
  symbol: string;
  /** r_type, an R_X86_64_* value. */
  type: number;
  /** The table: DT_RELA or DT_JMPREL. */
  table: 'rela' | 'jmprel';
}

/** A PT_LOAD after the metadata segment, placed on the next page (plus `gapPages`). */
export interface BuildSegment {
  /** p_flags (PF_R | PF_W | PF_X). */
  flags: number;
  /** p_filesz. */
  filesz: number;
  /** p_memsz (at least filesz). */
  memsz: number;
  /** p_align (default 0x1000). */
  align?: number;
  /** Unmapped pages left before it (default 0). */
  gapPages?: number;
  /** Offset of p_vaddr inside its first page, p_offset likewise (default 0). */
  pageOffset?: number;
}

/** A PT_GNU_RELRO to emit. */
export interface BuildRelro {
  /** The PT_LOAD (index among all loads, 0 the metadata one) it starts at. */
  segment: number;
  /** Its p_memsz. */
  memsz: number;
}

/** A PT_TLS to emit. */
export interface BuildTls {
  /** The PT_LOAD (index among all loads) it starts at. */
  segment: number;
  /** Its p_filesz. */
  filesz: number;
  /** Its p_memsz. */
  memsz: number;
  /** Its p_align. */
  align: number;
}

/** Everything the builder can be asked for; every field is optional. */
export interface BuildSpec {
  /** PT_LOADs after the metadata segment (default: an R+X text segment and an R+W data one with .bss). */
  segments?: BuildSegment[];
  /** p_align of the metadata segment (default 0x1000). */
  metadataAlign?: number;
  /** DT_NEEDED names. */
  needed?: string[];
  /** DT_SONAME. */
  soname?: string;
  /** DT_RUNPATH. */
  runpath?: string;
  /** DT_RPATH. */
  rpath?: string;
  /** DT_FLAGS_1. */
  flags1?: number;
  /** Emit DT_INIT. */
  init?: boolean;
  /** DT_INIT_ARRAYSZ (with DT_INIT_ARRAY). */
  initArraySize?: number;
  /** DT_FINI_ARRAYSZ (with DT_FINI_ARRAY). */
  finiArraySize?: number;
  /** Emit DT_TEXTREL. */
  textrel?: boolean;
  /** Dynamic symbols (after the null symbol; undefined ones are put first, as DT_GNU_HASH requires). */
  symbols?: BuildSymbol[];
  /** Relocations. */
  relocs?: BuildReloc[];
  /** Which hash tables to emit (default `gnu`). */
  hash?: 'sysv' | 'gnu' | 'both' | 'none';
  /** Emit DT_VERSYM. */
  versym?: boolean;
  /** Emit section headers with an SHT_DYNSYM entry. */
  sectionHeaders?: boolean;
  /** PT_GNU_RELRO from the start of this segment (index among all loads) for `memsz` bytes. */
  relro?: BuildRelro;
  /** PT_TLS at the start of this segment (index among all loads). */
  tls?: BuildTls;
  /** PT_GNU_STACK with or without PF_X, or none (default `nx`). */
  stack?: 'x' | 'nx' | 'none';
  /** Omit PT_DYNAMIC. */
  noDynamic?: boolean;
  /** Raw dynamic entries appended before DT_NULL (a repeated tag overrides: the last wins). */
  extraDynamic?: [number, bigint][];
}
