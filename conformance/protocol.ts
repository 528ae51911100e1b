/**
 * The driver protocol's output, as types (conformance/DRIVER.md, version 1): a hello line, then
 * for every step a begin line and a result line, or an error line. Addresses are `"0x…"` strings.
 * {@link parseDriverOutput} reads a driver's standard output into these, tolerating a truncated
 * last line (a crash mid-write).
 *
 * @module
 */
import type { DriverEvent, DriverObject, DriverRet, PremapCall, RegionState, StepValue } from './protocol-values.js';

export { parseDriverLine, parseDriverOutput } from './protocol-parse.js';
export type * from './protocol-values.js';

/** The protocol version this harness speaks (`DRIVER_PROTOCOL_VERSION` in driver/protocol.h). */
export const driverProtocolVersion = 4;

/** Which optional APIs the loader provides (found with dlsym at start-up). */
export interface HelloApis {
  /** dlmem (true under the compat layer too). */
  readonly dlmem: boolean;
  /** dlrelocate. */
  readonly dlrelocate: boolean;
  /** dlset_object_base. */
  readonly dlset_object_base: boolean;
  /** dlmopen (musl has none). */
  readonly dlmopen: boolean;
}

/** The first line: who the driver is running under. */
export interface HelloLine {
  /** Discriminant. */
  readonly kind: 'hello';
  /** The protocol version the driver speaks. */
  readonly protocol: number;
  /** The C library, e.g. `"glibc 2.36"` or `"musl"`. */
  readonly libc: string;
  /** Which optional APIs the loader has. */
  readonly apis: HelloApis;
  /** `"memfd"` when DLSPEC_COMPAT=memfd replaced dlmem. */
  readonly compat?: string;
  /** The page size. */
  readonly pagesize: number;
}

/** Written before a step's call, so that a crash is attributed to the step. */
export interface BeginLine {
  /** Discriminant. */
  readonly kind: 'begin';
  /** 1-based step number. */
  readonly step: number;
  /** The operation. */
  readonly op: string;
}

/** A step's result line. */
export interface StepLine {
  /** Discriminant. */
  readonly kind: 'step';
  /** 1-based step number. */
  readonly step: number;
  /** The operation. */
  readonly op: string;
  /** Its return value. */
  readonly ret: DriverRet;
  /** errno right after dlerror(), present when the loader call failed. */
  readonly errno?: number;
  /** dlerror()'s text (null when it returned NULL), present when the call failed or for a dlerror step. */
  readonly dlerror?: string | null;
  /** What the compat layer ignored. */
  readonly compat?: string;
  /** Why the driver did not touch an address (call, read-data, write-data, …). */
  readonly fault?: string;
  /** The API this loader lacks; the step did nothing. */
  readonly unsupported?: string;
  /** Events reported during the step. */
  readonly events: readonly DriverEvent[];
  /** Premap calls during the step. */
  readonly premap: readonly PremapCall[];
  /** Every region slot's state. */
  readonly regions: Readonly<Record<string, RegionState>>;
  /** Every loaded object. */
  readonly objects: readonly DriverObject[];
  /** The objects reported at the previous step and gone now, with the maps lines left over their old extent. */
  readonly gone: readonly DriverObject[];
  /** What the step bound. */
  readonly value?: StepValue;
}

/** A driver-side problem; the driver then exits with status 2. */
export interface ErrorLine {
  /** Discriminant. */
  readonly kind: 'error';
  /** The step (0 before the first). */
  readonly step: number;
  /** What is wrong. */
  readonly error: string;
}

/** Any well-formed output line. */
export type DriverLine = HelloLine | BeginLine | StepLine | ErrorLine;

/** A line that parsed. */
export interface ParsedGood {
  /** Discriminant. */
  readonly ok: true;
  /** 1-based line number in the output. */
  readonly lineNo: number;
  /** The line. */
  readonly line: DriverLine;
}

/** A line that did not parse. */
export interface ParsedBad {
  /** Discriminant. */
  readonly ok: false;
  /** 1-based line number in the output. */
  readonly lineNo: number;
  /** The raw text. */
  readonly text: string;
  /** What is wrong with it. */
  readonly problem: string;
  /** Whether it is the last line, cut short (no newline): the driver died while writing it. */
  readonly truncated: boolean;
}

/** One line of output, parsed or not. */
export type ParsedLine = ParsedGood | ParsedBad;
