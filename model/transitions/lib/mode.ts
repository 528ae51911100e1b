/**
 * Mode validation shared by dlopen, dlmopen and dlmem (and through dlmem, fdlopen and
 * dlopen_with_offset).
 *
 * A mode can be wrong in two ways the baseline chapter names, and each is implementation-defined
 * between failing and going on:
 *
 * - no binding (neither RTLD_LAZY nor RTLD_NOW): base.dlopen.mode-binding — EINVAL, or treated as
 *   RTLD_LAZY;
 * - a bit the loader does not define (`extraBits`, or RTLD_NORELOCATE outside the norelocate
 *   profiles): base.dlopen.mode-unknown-bits — EINVAL with nothing loaded, or the bit ignored.
 *   RTLD_NORELOCATE is a known bit in the norelocate profiles ("a loader that implements a proposal
 *   never ignores that proposal's own bits").
 *
 * {@link validateMode} therefore returns a {@link ModeCheck}, not a bare list of outcomes:
 *
 * - `failures`: the EINVAL outcomes the call may end with, one per defect (each citing that
 *   defect's clause plus the caller's `cites`); empty when the mode is valid;
 * - `proceedWith`: the ways the call may go on, each with the normalised mode to continue with,
 *   the firmness and the clauses that allow going on. A valid mode gives exactly one entry, the
 *   mode itself, `specified`, with no cites. A defective mode gives one entry (every defect
 *   treated leniently: RTLD_LAZY added, unknown bits dropped), `implementation-defined`, citing
 *   the defects' clauses.
 *
 * `proceedWith` is never empty. A caller returns `failures` plus, for every `proceedWith`
 * entry, the outcomes of going on with `entry.mode`, adding `entry.cites` to their cites and
 * weakening their firmness to at most `entry.firmness` ({@link weaken} does that).
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Mode, ModeFlag } from '../../types/calls.js';
import type { Firmness, Outcome, Outcomes } from '../../types/outcome.js';
import type { ModelState } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { failure, union } from '../../outcome/build.js';

/** One way a call may go on after mode validation. */
export interface ModeProceed {
  /** The mode to go on with: RTLD_LAZY added when no binding was given, unknown bits dropped. */
  readonly mode: Mode;
  /** How firmly the spec allows going on (`specified` for a valid mode). */
  readonly firmness: Firmness;
  /** The clauses that allow going on (empty for a valid mode). */
  readonly cites: readonly ClauseId[];
}

/** The result of mode validation. */
export interface ModeCheck {
  /** EINVAL failures the call may end with; empty when the mode is valid. */
  readonly failures: Outcomes;
  /** The ways the call may go on; never empty. */
  readonly proceedWith: readonly ModeProceed[];
}

/** Whether the profile in force defines RTLD_NORELOCATE (the norelocate profiles). */
export function knowsNorelocate(world: World): boolean {
  return world.profile.proposal === 'norelocate';
}

/** The mode bits the profile does not define, as clause-level facts. */
export function unknownModeBits(mode: Mode, world: World): { readonly extraBits: boolean; readonly norelocate: boolean } {
  return {
    extraBits: (mode.extraBits ?? 0) !== 0,
    norelocate: mode.flags.includes('RTLD_NORELOCATE') && !knowsNorelocate(world),
  };
}

/** Whether the mode names a binding (RTLD_LAZY or RTLD_NOW). */
export function hasBinding(mode: Mode): boolean {
  return mode.flags.includes('RTLD_LAZY') || mode.flags.includes('RTLD_NOW');
}

/**
 * Validates a dlopen-style mode. `cites` are the caller's own clauses to add to every failure
 * (dlmem passes dlmem.args.mode-invalid; dlopen passes nothing). Failures return NULL, report
 * the error (EINVAL for a missing binding; for an unknown bit only on the dlmem branch), leave the state as it was apart from dlerror() and bind NULL to the call's variable.
 */
export function validateMode(state: ModelState, mode: Mode, world: World, cites: readonly ClauseId[]): ModeCheck {
  const unknown = unknownModeBits(mode, world);
  const noBinding = !hasBinding(mode);
  const anyUnknown = unknown.extraBits || unknown.norelocate;
  if (!noBinding && !anyUnknown) {
    return { failures: [], proceedWith: [{ mode, firmness: 'specified', cites: [] }] };
  }
  const failures: Outcome[] = [];
  const lenient: ClauseId[] = [];
  if (noBinding) {
    failures.push(einval(state, [...cites, 'base.dlopen.mode-binding']));
    lenient.push('base.dlopen.mode-binding');
  }
  if (anyUnknown) {
    // dlopen's rejection carries no promised error number, nor does dlmem's, which fails "like
    // dlmopen" (dlmem.args.mode-invalid); the dlmem branch names EINVAL (dlmem.args.mode-invalid-errno).
    const branch = cites.includes('dlmem.args.mode-invalid') && world.profile.has('dlmem.args.mode-invalid-errno');
    const errno = branch ? 'EINVAL' : 'unspecified';
    failures.push(einval(state, [...cites, 'base.dlopen.mode-unknown-bits', ...(branch ? ['dlmem.args.mode-invalid-errno' as const] : [])], errno));
    lenient.push('base.dlopen.mode-unknown-bits');
  }
  let flags: ModeFlag[] = mode.flags.slice();
  if (unknown.norelocate) flags = flags.filter((f) => f !== 'RTLD_NORELOCATE');
  if (noBinding) flags = ['RTLD_LAZY', ...flags];
  return { failures, proceedWith: [{ mode: { flags }, firmness: 'implementation-defined', cites: lenient }] };
}

/**
 * Whether loading with `mode` defers relocation and constructors: RTLD_NORELOCATE in a profile
 * that defines it (noreloc.mode.flag). Call it on the mode `validateMode` proceeds with.
 */
export function isDeferred(mode: Mode, world: World): boolean {
  return mode.flags.includes('RTLD_NORELOCATE') && knowsNorelocate(world);
}

const FIRMNESS_ORDER: readonly Firmness[] = ['specified', 'implementation-defined', 'unspecified', 'undefined'];

/** The weaker of two firmnesses (`undefined` is the weakest). */
export function weakerFirmness(a: Firmness, b: Firmness): Firmness {
  return FIRMNESS_ORDER.indexOf(a) >= FIRMNESS_ORDER.indexOf(b) ? a : b;
}

/**
 * An outcome reached after a lenient step: its cites gain `cites` (in front, deduplicated), its
 * firmness is weakened to at most `firmness`, and `gap` (what the lenient step left open) is joined
 * to its own. A no-op for the `specified` step of a valid mode.
 */
export function weaken(outcome: Outcome, firmness: Firmness, cites: readonly ClauseId[], gap?: string): Outcome {
  if (cites.length === 0 && firmness === 'specified' && gap === undefined) return outcome;
  const gaps = [...new Set([gap, outcome.gap].filter((g): g is string => g !== undefined && g !== ''))];
  return {
    ...outcome,
    cites: union(cites, outcome.cites),
    firmness: weakerFirmness(outcome.firmness, firmness),
    ...(gaps.length === 0 ? {} : { gap: gaps.join('; ') }),
  };
}

function einval(state: ModelState, cites: readonly ClauseId[], errno: 'EINVAL' | 'unspecified' = 'EINVAL'): Outcome {
  return { ...failure(state, { kind: 'null' }, errno, [...new Set(cites)], 'implementation-defined'), value: { kind: 'null' } };
}
