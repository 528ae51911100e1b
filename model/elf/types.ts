/**
 * The facts the reader extracts from a valid image: the `ElfImage` the rest of the model works
 * from.
 *
 * @module
 */
import type { ElfDefect } from './defect.js';
import type { ElfDoubt } from './doubts.js';

/** One validated PT_LOAD program header. Every number is below 2^47. */
export interface LoadSegment {
  /** File offset of the segment's first byte. */
  p_offset: number;
  /** Address of the first byte, relative to the load base. */
  p_vaddr: number;
  /** Bytes taken from the file. */
  p_filesz: number;
  /** Bytes in memory; those past p_filesz are zero. */
  p_memsz: number;
  /** Alignment the segment asks for (0 or 1: none). */
  p_align: number;
  /** PF_R | PF_W | PF_X bits (and any others present). */
  p_flags: number;
  /** PF_R is set. */
  r: boolean;
  /** PF_W is set. */
  w: boolean;
  /** PF_X is set. */
  x: boolean;
}

/** The PT_GNU_RELRO range. */
export interface RelroRange {
  /** Its p_vaddr. */
  vaddr: number;
  /** Its p_memsz. */
  memsz: number;
}

/** The PT_TLS template. */
export interface TlsTemplate {
  /** Its p_vaddr. */
  vaddr: number;
  /** Its p_filesz: bytes initialised from the image. */
  filesz: number;
  /** Its p_memsz: the size of each thread's block. */
  memsz: number;
  /** Its p_align. */
  align: number;
}

/** What the dynamic section says. */
export interface DynamicInfo {
  /** DT_NEEDED names, in order. */
  needed: readonly string[];
  /** DT_SONAME. */
  soname?: string;
  /** DT_RUNPATH. */
  runpath?: string;
  /** DT_RPATH. */
  rpath?: string;
  /** DT_FLAGS_1 (0 when absent). */
  flags1: number;
  /** DT_HASH is present. */
  hasHash: boolean;
  /** DT_GNU_HASH is present. */
  hasGnuHash: boolean;
  /** DT_VERSYM is present. */
  hasVersym: boolean;
  /** DT_VERDEF is present. */
  hasVerdef: boolean;
  /** DT_VERNEED is present. */
  hasVerneed: boolean;
  /** DT_INIT is present. */
  hasInit: boolean;
  /** DT_INIT_ARRAYSZ in bytes (0 when absent); 8 bytes per constructor. */
  initArraySize: number;
  /** DT_FINI_ARRAYSZ in bytes (0 when absent); 8 bytes per destructor. */
  finiArraySize: number;
  /** DT_TEXTREL is present or DT_FLAGS has DF_TEXTREL. */
  textrel: boolean;
  /**
   * DT_BIND_NOW is present, DT_FLAGS has DF_BIND_NOW or DT_FLAGS_1 has DF_1_NOW (`-z now`): every
   * reference, PLT ones included, is bound at load time even under RTLD_LAZY. The reader always
   * sets it; hand-made images may leave it out, which means false.
   */
  bindNow?: boolean;
}

/** The type of a defined dynamic symbol (STT_GNU_IFUNC counts as `func`). */
export type DefinedSymbolType = 'func' | 'object' | 'tls' | 'other';

/** A defined dynamic symbol. */
export interface DefinedSymbol {
  /** st_value: its address relative to the base (its offset in the TLS block for `tls`). */
  value: number;
  /** st_size. */
  size: number;
  /** Its type. */
  type: DefinedSymbolType;
}

/** The type of an undefined dynamic symbol, as its symbol table entry gives it. */
export type UndefinedSymbolType = 'func' | 'object' | 'tls' | 'notype';

/** An undefined dynamic symbol: a reference another object must satisfy. */
export interface UndefinedSymbol {
  /** Its name. */
  name: string;
  /** Its type. */
  type: UndefinedSymbolType;
  /** STB_WEAK: the reference may stay unresolved. */
  weak: boolean;
  /**
   * Referenced only by R_X86_64_JUMP_SLOT relocations in DT_JMPREL, so that RTLD_LAZY binds it at
   * its first call rather than at load time.
   */
  viaPlt: boolean;
}

/** The dynamic symbol table, split by definedness. */
export interface SymbolInfo {
  /** Global and weak symbols of default or protected visibility the object defines, by name. */
  defined: ReadonlyMap<string, DefinedSymbol>;
  /** Global and weak symbols the object references but does not define, in table order. */
  undefined: readonly UndefinedSymbol[];
}

/** A valid ELF64 little-endian x86-64 ET_DYN image, as far as a loader looks at it. */
export interface ElfImage {
  /** e_type (always ET_DYN in an accepted image). */
  e_type: number;
  /** e_machine (always EM_X86_64 in an accepted image). */
  e_machine: number;
  /** e_entry; exact below 2^53. */
  e_entry: number;
  /** Where the ELF header and the program header table end in the file: the bytes a loader reads before any segment. */
  headersEnd: number;
  /** PT_LOAD segments in file order, which is ascending p_vaddr order. */
  loads: readonly LoadSegment[];
  /** PT_GNU_RELRO, when present. */
  relro?: RelroRange;
  /** PT_TLS, when present. */
  tls?: TlsTemplate;
  /** Whether PT_GNU_STACK has PF_X; undefined when there is no PT_GNU_STACK. */
  stackExec: boolean | undefined;
  /** DT_FLAGS_1 has DF_1_PIE: a position-independent executable. */
  isPie: boolean;
  /** PT_DYNAMIC's p_vaddr (where l_ld points, relative to the load bias), when there is one. */
  dynamicVaddr?: number;
  /** The dynamic section; undefined only when the reader was told to accept an image without one. */
  dynamic: DynamicInfo | undefined;
  /** The dynamic symbols. */
  symbols: SymbolInfo;
  /** Oddities for which a loader's dlopen may reject the image (doubts.ts); absent or empty: none. */
  doubts?: readonly ElfDoubt[];
}

/** An accepted image. */
export interface ElfAccepted {
  /** Discriminant. */
  ok: true;
  /** Its facts. */
  elf: ElfImage;
}

/** A rejected image. */
export interface ElfRejected {
  /** Discriminant. */
  ok: false;
  /** The first defect a loader would meet. */
  defect: ElfDefect;
}

/** What reading an image gives: its facts, or the first defect a loader would meet. */
export type ElfResult = ElfAccepted | ElfRejected;
