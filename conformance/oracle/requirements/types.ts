/**
 * Requirements as values: what one allowed outcome of a step demands of the observation, each
 * naming the clause it rests on. The model's outcome is turned into requirements once
 * (`requirements/derive.ts`); the oracle evaluates them against a driver step (`requirements/evaluate.ts`)
 * and the repro writes the same list as C (conformance/repro/emit-check.ts).
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Errno } from '../../../model/types/state.js';
import type { DivergenceKind } from '../types.js';
import type { LayoutCheck, UnloadedCheck } from './layout-types.js';

/** Where an int result is read: the call's return, or the value `call`/`read-data` report. */
export type IntSource = 'ret' | 'value';

/** What is compared: one observable fact and the value the outcome gives it. */
export type Check =
  /** The call returned to its caller: no crash, abort or hang. */
  | { readonly kind: 'returns' }
  /** The call returned NULL. */
  | { readonly kind: 'ret-null' }
  /** The call returned a non-NULL pointer (a symbol's address, dlerror()'s message). */
  | { readonly kind: 'ret-ptr' }
  /** The int result equals `value`. */
  | { readonly kind: 'int'; readonly from: IntSource; readonly value: number }
  /** The int result is not 0. */
  | { readonly kind: 'nonzero'; readonly from: IntSource }
  /**
   * The call returned the handle of model object `object`: the pointer it was bound to when it is
   * bound (`same`), else a pointer no other live bound object has (`others`).
   */
  | { readonly kind: 'handle'; readonly object: number; readonly same: string | undefined; readonly others: readonly (readonly [number, string])[] }
  /** The call succeeded: no dlerror() message. */
  | { readonly kind: 'no-failure' }
  /** The call failed (its return says so). */
  | { readonly kind: 'failure' }
  /** A call that failed left a dlerror() message (base.dlerror.once). */
  | { readonly kind: 'message' }
  /** dladdr of `symbol` reported a base `offset` below its address (dli_saddr - dli_fbase = st_value). */
  | { readonly kind: 'dladdr-base'; readonly symbol: string; readonly offset: number }
  /** The link map's l_addr is the load bias: l_ld - l_addr is PT_DYNAMIC's p_vaddr. */
  | { readonly kind: 'linkmap-base'; readonly dynamic: number }
  /** A dlmem object's name, as l_name (RTLD_DI_LINKMAP) or dli_fname (dladdr) reports it: its soname, or "". */
  | { readonly kind: 'object-name'; readonly field: 'l_name' | 'fname'; readonly name: string }
  /** After fdlopen returned a handle: fd is still open (`fd-kept`), no mapping of the whole file is left (`file-unmapped`). */
  | { readonly kind: 'fdlopen-after'; readonly what: 'fd-kept' | 'file-unmapped' }
  /** The failure shows (or, with `shows: false`, does not show) error number `errno`. */
  | { readonly kind: 'errno'; readonly errno: Errno; readonly shows: boolean }
  /** The constructor and destructor events of the step, in order (`"ctor plain"`). */
  | { readonly kind: 'events'; readonly expected: readonly string[] }
  /** premap was called `count` times. */
  | { readonly kind: 'premap-count'; readonly count: number }
  /** premap call `index` got `maplength`. */
  | { readonly kind: 'premap-maplength'; readonly index: number; readonly maplength: number }
  /** premap call `index` got the cookie unchanged. */
  | { readonly kind: 'premap-cookie'; readonly index: number }
  /**
   * The caller's region is (or is no longer) mapped. `fate`: the region is a premap mapping or a
   * moved object's range whose fate the spec leaves to the loader and records (the choice is
   * reported when the check holds).
   */
  | { readonly kind: 'region-mapped'; readonly region: string; readonly mapped: boolean; readonly fate?: true }
  /** The caller's region holds the bytes the caller last put there. */
  | { readonly kind: 'region-unchanged'; readonly region: string }
  /** The caller's region has protection `prot` (`"r--"`). */
  | { readonly kind: 'region-prot'; readonly region: string; readonly prot: string }
  /** RTLD_DI_MAPINFO's `relocated` field. */
  | { readonly kind: 'mapinfo-relocated'; readonly relocated: boolean }
  /** RTLD_DI_MAPINFO's `map_length`. */
  | { readonly kind: 'mapinfo-length'; readonly length: number }
  /** RTLD_DI_MAPINFO's `map_align` is one of `aligns` (the first when there is one choice). */
  | { readonly kind: 'mapinfo-align'; readonly aligns: readonly number[] }
  /** RTLD_DI_LMID's namespace id is LM_ID_BASE (0) exactly when `base`. */
  | { readonly kind: 'lmid'; readonly base: boolean }
  /**
   * RTLD_DI_DEPLIST lists distinct handles, at least `count` (the dependencies that are not system
   * libraries, which it may list too: noreloc.deplist.extra), among them every handle in `listed`
   * (the bound handles of listed objects) and none in `unlisted` (those of objects it must leave
   * out); by l_name, an object of each file name in `files` and no other fixture of `fixtures`.
   */
  | { readonly kind: 'deplist'; readonly count: number; readonly listed: readonly string[]; readonly unlisted: readonly string[]; readonly files: readonly string[]; readonly fixtures: readonly string[] }
  /** One part of an object's mappings in /proc/self/maps (model/layout). */
  | LayoutCheck
  /** Nothing left mapped where an unloaded object was. */
  | UnloadedCheck;

/** One requirement: a check, the clauses it rests on, and how a departure from it is classed. */
export interface Requirement {
  /** What is compared. */
  readonly check: Check;
  /** The clauses the observation breaks when the check does not hold (never empty). */
  readonly clauses: readonly ClauseId[];
  /** The divergence kind a departure is. */
  readonly divergence: DivergenceKind;
  /** What the spec requires, as a sentence ("the spec requires NULL"). */
  readonly text: string;
}

/**
 * The checks that decide which allowed outcome happened: the call returned, its return value, the
 * handle's identity, success or failure, the constructor events, whether premap ran. Every other
 * check (the error class, premap's arguments, the caller's regions, MAPINFO's fields, layout) says
 * how well that outcome happened: a departure there is a violation of its clause, but the model
 * state after the step is the outcome's all the same, so the trace goes on and its later steps are
 * still judged (a case depends on as little else as it can).
 */
const DECIDING: ReadonlySet<Check['kind']> = new Set<Check['kind']>(['returns', 'ret-null', 'ret-ptr', 'int', 'nonzero', 'handle', 'no-failure', 'failure', 'events', 'premap-count']);

/** Whether a departure from `r` rules its outcome out (rather than only breaking its clause). */
export function decides(r: Requirement): boolean {
  return DECIDING.has(r.check.kind);
}
