/**
 * The values inside a driver step line (conformance/DRIVER.md): return values, events, premap
 * calls, region states, loaded objects with their maps lines, and what a step bound.
 *
 * @module
 */

/** An address, as the driver prints it: `"0x7f…"`. */
export type Hex = string;

/** A pointer return value. */
export interface RetPtr {
  /** Discriminant. */
  readonly kind: 'ptr';
  /** The pointer. */
  readonly value: Hex;
}

/** A NULL return value (also: a failed loader call whose return is a pointer). */
export interface RetNull {
  /** Discriminant. */
  readonly kind: 'null';
}

/** An int return value. */
export interface RetInt {
  /** Discriminant. */
  readonly kind: 'int';
  /** The value. */
  readonly value: number;
}

/** No return value (memory operations, call, read-data, write-data, unsupported steps). */
export interface RetNone {
  /** Discriminant. */
  readonly kind: 'none';
}

/** A step's return value. */
export type DriverRet = RetPtr | RetNull | RetInt | RetNone;

/** A constructor or destructor a fixture reported during the step. */
export interface DriverEvent {
  /** `ctor`, `dtor` (or `dropped` when the buffer overflowed). */
  readonly kind: string;
  /** The fixture's name. */
  readonly lib: string;
}

/** One call of the premap callback. */
export interface PremapCall {
  /** The placement hint. */
  readonly mappref: Hex;
  /** The length asked for. */
  readonly maplength: number;
  /** The alignment asked for. */
  readonly mapalign: number;
  /** Whether the cookie arrived unchanged. */
  readonly cookie: boolean;
  /** What the callback returned. */
  readonly ret: Hex;
  /** For `reentrant-dlopen`: whether its dlopen(NULL) returned a handle. */
  readonly reentrant?: boolean;
}

/** A region slot's state after the step. */
export interface RegionState {
  /** Its first byte's address (absent once released). */
  readonly start?: Hex;
  /** Its protection (`"r--"`), `"mixed"`, or null when nothing of it is mapped. */
  readonly prot: string | null;
  /** Whether every byte is mapped. */
  readonly mapped: boolean;
  /** Whether its bytes are what the driver last put there; null when unknown or unreadable. */
  readonly unchanged: boolean | null;
}

/** One /proc/self/maps line. */
export interface MapsLine {
  /** Start address. */
  readonly start: Hex;
  /** End address. */
  readonly end: Hex;
  /** Protection, `"r-x"`. */
  readonly prot: string;
  /** MAP_SHARED. */
  readonly shared: boolean;
  /** File offset. */
  readonly offset: number;
  /** File path, `""` for anonymous memory, `[heap]` and the like, `/memfd:… (deleted)`. */
  readonly path: string;
}

/** A loaded object (neither the driver nor a system library). */
export interface DriverObject {
  /** dlpi_name. */
  readonly name: string;
  /** dlpi_addr. */
  readonly base: Hex;
  /** Page-aligned PT_LOAD extent (absent when its program headers were unreadable). */
  readonly start?: Hex;
  /** End of the extent. */
  readonly end?: Hex;
  /** The maps lines overlapping the extent. */
  readonly maps?: readonly MapsLine[];
  /** `"unreadable"` when the program headers could not be read safely. */
  readonly phdr?: string;
}

/** The result of `call` or `read-data`. */
export interface IntValue {
  /** The int. */
  readonly int: number;
}

/** dladdr's Dl_info. */
export interface DladdrValue {
  /** dli_fname. */
  readonly fname: string | null;
  /** dli_fbase. */
  readonly fbase: Hex;
  /** dli_sname. */
  readonly sname: string | null;
  /** dli_saddr. */
  readonly saddr: Hex;
}

/** RTLD_DI_MAPINFO's Dl_mapinfo. */
export interface MapinfoValue {
  /** map_start. */
  readonly map_start: Hex;
  /** map_length. */
  readonly map_length: number;
  /** map_align. */
  readonly map_align: number;
  /** relocated. */
  readonly relocated: number;
}

/** RTLD_DI_DEPLIST's Dl_deplist. */
export interface DeplistValue {
  /** ndeps. */
  readonly ndeps: number;
  /** The handles (bound as AS.0, AS.1, …). */
  readonly deps: readonly Hex[];
  /** Each handle's l_name (RTLD_DI_LINKMAP), null when it has none. */
  readonly names?: readonly (string | null)[];
}

/** RTLD_DI_LMID. */
export interface LmidValue {
  /** The namespace id. */
  readonly lmid: number;
}

/** RTLD_DI_ORIGIN. */
export interface OriginValue {
  /** The directory. */
  readonly origin: string;
}

/** RTLD_DI_LINKMAP: two fields of the link map. */
export interface LinkmapValue {
  /** l_addr. */
  readonly l_addr: Hex;
  /** l_name. */
  readonly l_name: string | null;
  /** l_ld: the dynamic section's address. */
  readonly l_ld?: Hex;
}

/** What fdlopen left: whether fd is still open and whether a mapping of the whole file remains. */
export interface FdlopenValue {
  /** fd is still open after fdlopen returned (fdlopen.def.fd-kept). */
  readonly fd_kept: boolean;
  /** A mapping of the whole file from offset 0 is left (fdlopen.def.maps-file). */
  readonly file_mapped: boolean;
}

/** What a step bound beyond its return value. */
export type StepValue = IntValue | DladdrValue | MapinfoValue | DeplistValue | LmidValue | OriginValue | LinkmapValue | FdlopenValue;
