/**
 * The calls a script can make, as data: the caller's own memory operations and every dl* entry
 * point the spec covers. One variant per call; `type` names the C function (or the caller action).
 *
 * @module
 */

/** Page protection bits. */
export interface Prot {
  /** PROT_READ */
  readonly r: boolean;
  /** PROT_WRITE */
  readonly w: boolean;
  /** PROT_EXEC */
  readonly x: boolean;
}

/** The dlopen mode bits a script can name; `extraBits` adds raw bits no name covers. */
export type ModeFlag =
  | 'RTLD_LAZY' | 'RTLD_NOW' | 'RTLD_GLOBAL' | 'RTLD_LOCAL' | 'RTLD_NODELETE'
  | 'RTLD_NOLOAD' | 'RTLD_DEEPBIND' | 'RTLD_NORELOCATE';

/** A dlopen/dlmem mode: named bits plus raw extra bits. */
export interface Mode {
  /** The named bits. */
  readonly flags: readonly ModeFlag[];
  /** Bits outside every named flag (to probe invalid modes). */
  readonly extraBits?: number;
}

/** The dlmem flag bits a script can name. */
export type DlmemFlag = 'DLMEM_DONTREPLACE' | 'DLMEM_GENBUF_SRC';

/**
 * What the premap callback does, as data. Each behaviour is one kind of return value or one
 * thing the callback does (the dlmem-premap chapter of SPEC.md).
 */
export type PremapBehaviour =
  | 'anon'            // mmap an anonymous private RW mapping of maplength, aligned to mapalign
  | 'memfd-shared'    // ftruncate a memfd to maplength and map it MAP_SHARED
  | 'map32bit'        // anonymous, MAP_32BIT: below 4 GiB
  | 'map-failed'      // return MAP_FAILED
  | 'null'            // return NULL
  | 'misaligned'      // return a usable mapping plus one page's worth of misalignment
  | 'short'           // return a mapping one page shorter than maplength
  | 'reentrant-dlopen'; // call dlopen from inside the callback, then map anonymously

/** A namespace argument: a named constant or a variable bound by a dlinfo(RTLD_DI_LMID) step. */
export type NsRef = 'LM_ID_BASE' | 'LM_ID_NEWLM' | { readonly var: string } | { readonly raw: number };

/** The dlmem_args a script passes; `null` is dlm_args == NULL. */
export interface DlmemArgs {
  /** dlm_args->soname; absent or null is NULL. */
  readonly soname?: string | null;
  /** dlm_args->nsid; absent is LM_ID_BASE (0). */
  readonly nsid?: NsRef;
  /** dlm_args->flags: named bits plus raw extra bits. */
  readonly flags?: readonly DlmemFlag[];
  /** Raw bits outside DLMEM_* (to probe unknown flags). */
  readonly extraFlagBits?: number;
  /** dlm_args->premap; absent is NULL. */
  readonly premap?: PremapBehaviour;
}

/** Where a buffer argument points: a region bound earlier, plus a byte offset. */
export interface BufferRef {
  /** The region variable. */
  readonly region: string;
  /** Byte offset from the region's start. */
  readonly offset?: number;
}

/** What the bytes of a file or region are: a fixture image, a container holding one, or junk. */
export type Content =
  | { readonly image: string }
  | { readonly container: string; readonly at: number }
  | { readonly junk: number };

/** Caller memory operations (no loader involved). */
export type MemoryCall =
  | { readonly type: 'mmap-file'; readonly as: string; readonly file: Content; readonly offset?: number;
      readonly prot: Prot; readonly shared: boolean }
  | { readonly type: 'mmap-anon'; readonly as: string; readonly length: number | 'image' | 'extent'; readonly image?: string;
      readonly prot: Prot; readonly shared: boolean; readonly below4g?: boolean }
  | { readonly type: 'memfd'; readonly as: string; readonly content: Content; readonly prot: Prot }
  | { readonly type: 'malloc'; readonly as: string; readonly content: Content; readonly misalign?: number }
  | { readonly type: 'copy-in'; readonly region: string; readonly content: Content; readonly offset?: number }
  | { readonly type: 'mprotect'; readonly region: string; readonly prot: Prot }
  | { readonly type: 'memmove'; readonly region: string; readonly shift: number }
  | { readonly type: 'munmap'; readonly region: string }
  | { readonly type: 'copy-object'; readonly handle: string; readonly to: string };

/** The loader's entry points. */
export type LoaderCall =
  | { readonly type: 'dlopen'; readonly as?: string; readonly file: string | null; readonly mode: Mode }
  | { readonly type: 'dlmopen'; readonly as?: string; readonly nsid: NsRef; readonly file: string; readonly mode: Mode }
  | { readonly type: 'dlmem'; readonly as?: string; readonly buffer: BufferRef | null;
      readonly size: number | 'image' | 'region' | 'needed'; readonly mode: Mode; readonly args: DlmemArgs | null }
  | { readonly type: 'fdlopen'; readonly as?: string; readonly file: Content; readonly mode: Mode }
  | { readonly type: 'dlopen-with-offset'; readonly as?: string; readonly container: string;
      readonly offset: number; readonly length: number | 'image' | 'rest'; readonly mode: Mode }
  | { readonly type: 'dlsym'; readonly as?: string; readonly handle: string | 'RTLD_DEFAULT'; readonly symbol: string }
  | { readonly type: 'dladdr'; readonly as?: string; readonly address: { readonly symbol: string } | BufferRef }
  | { readonly type: 'dlinfo'; readonly as?: string; readonly handle: string;
      readonly request: 'RTLD_DI_LINKMAP' | 'RTLD_DI_LMID' | 'RTLD_DI_ORIGIN' | 'RTLD_DI_MAPINFO' | 'RTLD_DI_DEPLIST' | number }
  | { readonly type: 'dlrelocate'; readonly handle: string; readonly base?: string }
  | { readonly type: 'dlset-object-base'; readonly handle: string; readonly base: BufferRef | null }
  | { readonly type: 'dlclose'; readonly handle: string }
  | { readonly type: 'dlerror' }
  | { readonly type: 'call'; readonly as?: string; readonly symbol: string }
  | { readonly type: 'read-data'; readonly as?: string; readonly symbol: string; readonly via?: string }
  | { readonly type: 'write-data'; readonly symbol: string; readonly value: number };

/** Every call a script can make. */
export type Call = MemoryCall | LoaderCall;

/** The `type` of every call. */
export type CallType = Call['type'];

/** The call variant with the given `type`. */
export type CallOf<K extends CallType> = Extract<Call, { readonly type: K }>;
