/**
 * The oracle's values: what a run of one case on one loader observed (a trace), and the verdict
 * the oracle gives it against the model.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ProfileId } from '../../model/world/world.js';
import type { HelloLine, StepLine } from '../protocol.js';

/** How the driver process ended. */
export type ProcessEnd =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'signal'; readonly signal: string }
  | { readonly kind: 'timeout'; readonly ms: number };

/** Everything one run of a case observed. */
export interface Trace {
  /** The driver's hello line, when it got that far. */
  readonly hello: HelloLine | undefined;
  /** The step result lines, in order. */
  readonly steps: readonly StepLine[];
  /** The step whose `begin` line was the last one written (the step a crash belongs to). */
  readonly lastBegin: number | undefined;
  /** A driver-side error line (a harness or case problem), if any. */
  readonly driverError: string | undefined;
  /** How the process ended. */
  readonly end: ProcessEnd;
  /** The tail of its standard error. */
  readonly stderr: string;
}

/** The verdict kinds. */
export type VerdictKind = 'PASS' | 'FAIL' | 'UNSUPPORTED' | 'UNSPECIFIED' | 'XFAIL' | 'XPASS' | 'ERROR';

/** How an observation departs from every allowed outcome. */
export type DivergenceKind =
  | 'value-not-error'        // the spec requires a failure, the loader succeeded
  | 'error-not-value'        // the spec requires success, the loader failed
  | 'wrong-error'            // failed, but with the wrong error class or no dlerror() message
  | 'wrong-value'            // a different return value, symbol, data value or dlinfo field
  | 'wrong-handle'           // a handle that should be the same (or distinct) is not
  | 'wrong-events'           // constructors or destructors ran differently
  | 'wrong-premap'           // premap called a different number of times or with wrong arguments
  | 'source-buffer-changed'  // the source buffer's bytes or protections changed
  | 'wrong-layout'           // an object's mappings depart from the predicted layout
  | 'unexpected-signal'      // the loader crashed or aborted where the spec allows no such thing
  | 'hang';                  // the loader did not finish the step in time

/** The first step at which no allowed outcome matches the observation. */
export interface Divergence {
  /** 1-based step number. */
  readonly step: number;
  /** The call, as C-like text. */
  readonly call: string;
  /** The kind of departure. */
  readonly kind: DivergenceKind;
  /** The outcomes the spec allows, as text. */
  readonly allowed: readonly string[];
  /** What was observed, as text. */
  readonly observed: string;
  /** The clauses whose requirements the observation broke (those of the closest allowed outcome). */
  readonly violated: readonly ClauseId[];
  /** The clauses the allowed outcomes rest on: context, not blame. */
  readonly clauses: readonly ClauseId[];
  /** Why the closest allowed outcome does not match: the requirement broken and what was seen. */
  readonly detail: string;
}

/** How a trace left one clause it judged: held, broken, or passed through a spot the spec leaves open. */
export type ClauseJudgement = 'PASS' | 'FAIL' | 'UNSPECIFIED';

/** An implementation-defined choice the spec records (dlmem.place.zero-copy: zero-copy or copy), as a loader made it. */
export interface RecordedChoice {
  /** 1-based step number. */
  readonly step: number;
  /** The clause that records it. */
  readonly clause: ClauseId;
  /** The choice. */
  readonly choice: string;
}

/** One step of a checked trace, for reports. */
export interface CheckedStep {
  /** 1-based step number. */
  readonly step: number;
  /** The call, as C-like text. */
  readonly call: string;
  /** What was observed, as text. */
  readonly observed: string;
  /** The allowed outcomes, as text. */
  readonly allowed: readonly string[];
  /** How many allowed outcomes matched. */
  readonly matched: number;
  /** The open spots the matching outcomes pass through (unspecified or undefined), if any. */
  readonly gaps: readonly string[];
}

/** The oracle's verdict on one trace. */
export interface Verdict {
  /** PASS, FAIL, UNSUPPORTED, UNSPECIFIED or ERROR (XFAIL/XPASS come from expectations, later). */
  readonly kind: VerdictKind;
  /** The profile the case was checked in. */
  readonly profile: ProfileId;
  /** For FAIL: the first divergence. */
  readonly divergence?: Divergence;
  /** For UNSUPPORTED and ERROR: why. */
  readonly reason?: string;
  /** The open spots the run went through (UNSPECIFIED when there is no divergence). */
  readonly gaps: readonly { readonly step: number; readonly gap: string; readonly clauses: readonly ClauseId[] }[];
  /** Every step as checked, up to the divergence. */
  readonly steps: readonly CheckedStep[];
  /** Every clause some evaluated requirement cites, and how the trace left it (absent: none was judged). */
  readonly judged?: Readonly<Partial<Record<ClauseId, ClauseJudgement>>>;
  /** The implementation-defined choices the loader made where the spec records them. */
  readonly choices?: readonly RecordedChoice[];
  /** For FAIL: every step was judged (the divergence broke a clause without ending the trace). */
  readonly reachedEnd?: boolean;
  /** For FAIL: the divergences after the first (violations the trace went on past, then the one that ended it). */
  readonly later?: readonly Divergence[];
}
