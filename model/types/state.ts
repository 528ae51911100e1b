/**
 * The model's state: the caller's memory regions, the loaded objects, the constructor and
 * destructor log, the pending dlerror() message and the script's variables. Every value is
 * immutable; a transition returns a new state.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { Content, Mode, Prot } from './calls.js';

/** How a caller region is backed. */
export type RegionKind =
  | 'file-private' | 'file-shared' | 'anon-private' | 'anon-shared' | 'memfd-shared' | 'heap'
  | 'premap';

/** A range of the caller's memory the script named. */
export interface Region {
  /** The variable the script bound it to. */
  readonly id: string;
  /** Its backing. */
  readonly kind: RegionKind;
  /** Its length in bytes (symbolic `'image'` lengths are resolved when the region is made). */
  readonly length: number;
  /** What its bytes hold, from `contentAt` on. */
  readonly content: Content | null;
  /** Where the content starts within the region. */
  readonly contentAt: number;
  /** Whether its start is page-aligned. */
  readonly aligned: boolean;
  /** Its current protections. */
  readonly prot: Prot;
  /** A private file mapping nobody has written, mprotect'ed or moved (dlmem.source.virgin). */
  readonly virgin: boolean;
  /** False once the caller unmapped it. */
  readonly mapped: boolean;
  /** Whether it lies below 4 GiB (MAP_32BIT). */
  readonly below4g: boolean;
  /** How many times the caller has changed its bytes since it was made. */
  readonly writes?: number;
  /**
   * The object whose unrelocated image the caller copied here with `copy-object`, if any
   * (noreloc.setbase.caller-copy). Absent when the region holds no such copy.
   */
  readonly copyOf?: number;
}

/** Where an object's extent starts: wherever the loader put it, or a caller region. */
export type Placement =
  | { readonly kind: 'loader' }
  | { readonly kind: 'premap'; readonly region: string; readonly kept: boolean }
  /** Moved by dlset_object_base to `region`; `oldReleased` once the caller unmapped the old range. */
  | { readonly kind: 'moved'; readonly region: string; readonly oldReleased?: true };

/** How the object's segment pages are backed (dlmem.place.*). */
export type Backing = 'file' | 'zero-copy-or-copy' | 'copy' | 'premap-kept' | 'caller-copy' | 'system';

/** The life of a loaded object. */
export type ObjectStatus = 'unrelocated' | 'relocated' | 'failed' | 'closed';

/** One object the loader holds. */
export interface LoadedObject {
  /** Index in `ModelState.objects`. */
  readonly id: number;
  /** The fixture image it was loaded from, or a system library's name. */
  readonly image: string;
  /** True for system libraries (libc, …), which the model does not look inside. */
  readonly system: boolean;
  /** Namespace id (0 is LM_ID_BASE). */
  readonly ns: number;
  /** Its name (l_name): a path, a soname, or '' for an anonymous dlmem object. */
  readonly name: string;
  /** Its DT_SONAME, if any. */
  readonly soname: string | undefined;
  /** Open count. */
  readonly refs: number;
  /** Relocation state. */
  readonly status: ObjectStatus;
  /** The mode it was opened with. */
  readonly mode: Mode;
  /** Direct dependencies, by object id. */
  readonly deps: readonly number[];
  /** Which call brought it in. */
  readonly via: 'main' | 'system' | 'dlopen' | 'dlmem' | 'dependency';
  /** Where its extent is. */
  readonly placement: Placement;
  /** How its pages are backed. */
  readonly backing: Backing;
  /** Whether its symbols are in the global scope. */
  readonly global: boolean;
  /**
   * For a dlmem object: the source region, how often it had been written at load time, its kind,
   * and where the image starts in the file behind it when it is file-backed.
   */
  readonly source?: { readonly region: string; readonly writes: number; readonly kind: RegionKind; readonly fileOffset: number | undefined };
  /** For a dependency: true once a dlopen of the caller's returned it (the caller opened it itself). */
  readonly opened?: true;
  /** For an object a dlmem call loaded (or a dependency it brought in): the nsid clause that put it in its namespace. */
  readonly nsBy?: ClauseId;
}

/** A constructor or destructor that ran, in order. */
export interface LifeEvent {
  /** Constructor or destructor. */
  readonly kind: 'ctor' | 'dtor';
  /** The object whose code ran. */
  readonly object: number;
}

/** What dlerror() will report next. */
export interface PendingError {
  /** The error number the clause names, or 'unspecified'. */
  readonly errno: Errno | 'unspecified';
  /** The clauses that decided the failure. */
  readonly cites: readonly ClauseId[];
}

/** Error numbers the spec names. */
export type Errno = 'EINVAL' | 'ENOENT' | 'ENOMEM' | 'ENOEXEC' | 'ELIBBAD';

/** A value a step bound to a script variable. */
export type Value =
  | { readonly kind: 'handle'; readonly object: number }
  | { readonly kind: 'null' }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'symbol'; readonly object: number; readonly name: string }
  | { readonly kind: 'ns'; readonly ns: number }
  /**
   * RTLD_DI_MAPINFO of `object`: `mapLength` is the unrounded extent (noreloc.mapinfo.extent);
   * `mapAligns` the values map_align may take: the page size when no PT_LOAD asks for more
   * (noreloc.mapinfo.align), else that alignment or the page size (noreloc.mapinfo.align-large).
   */
  | { readonly kind: 'mapinfo'; readonly object: number; readonly relocated: boolean; readonly mapLength: number; readonly mapAligns: readonly number[] }
  | { readonly kind: 'deplist'; readonly objects: readonly number[] }
  | { readonly kind: 'dlinfo'; readonly object: number; readonly request: string }
  | { readonly kind: 'unknown' };

/** The whole model state. */
export interface ModelState {
  /** The caller's named memory regions. */
  readonly regions: ReadonlyMap<string, Region>;
  /** Every object ever loaded, indexed by id (closed ones stay, with status 'closed'). */
  readonly objects: readonly LoadedObject[];
  /** Namespaces that exist (0 is the base namespace). */
  readonly namespaces: number;
  /** Constructors and destructors run so far, in order. */
  readonly events: readonly LifeEvent[];
  /** What dlerror() reports next; null when nothing. */
  readonly dlerror: PendingError | null;
  /** Values bound to script variables. */
  readonly vars: ReadonlyMap<string, Value>;
  /** Data values written through `write-data`, by "object:symbol". */
  readonly data: ReadonlyMap<string, number>;
}
