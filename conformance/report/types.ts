/**
 * The results of a conformance run, as written to reports/latest.json: the source of truth
 * for every later format (Markdown here; HTML, JUnit and run diffs later).
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ProfileId } from '../../model/world/world.js';
import type { CompilerName } from '../build/index.js';
import type { Isolation, LoaderIdentity } from '../loaders/types.js';
import type { CheckedStep, ClauseJudgement, Divergence, DivergenceKind, RecordedChoice, Verdict, VerdictKind } from '../oracle/types.js';
import type { ClauseCell } from './cells.js';
import type { FailureCluster } from './clusters.js';
import type { HelloLine } from '../protocol.js';

/** One verdict: a case, in one profile, on one loader. */
export interface ResultEntry {
  /** The case id (`dlmem/foo`), or the file's path below conformance/cases for a malformed one. */
  readonly case: string;
  /** The case file, relative to the repository root. */
  readonly file: string;
  /** The profile it was checked in (null for a case file that did not load). */
  readonly profile: ProfileId | null;
  /** The loader id (`model`, `host-glibc`, `glibc:build-dlmem`, …). */
  readonly loader: string;
  /** The verdict's kind. */
  readonly verdict: VerdictKind;
  /** For FAIL: the first divergence. */
  readonly divergence?: Divergence;
  /** The open spots the run went through. */
  readonly gaps: Verdict['gaps'];
  /** Every step as checked. */
  readonly steps: readonly CheckedStep[];
  /** For ERROR and UNSUPPORTED: why. */
  readonly reason?: string;
  /** The clauses the case lists. */
  readonly clauses: readonly ClauseId[];
  /** The clauses its requirements judged, and how (the oracle's per-clause verdict). */
  readonly judged?: Readonly<Partial<Record<ClauseId, ClauseJudgement>>>;
  /** What the result says of each clause (cells.ts), once expectations are applied; written into the report. */
  readonly cells?: Readonly<Partial<Record<ClauseId, ClauseCell>>>;
  /** The implementation-defined choices the loader made where the spec records them. */
  readonly choices?: readonly RecordedChoice[];
  /** For FAIL: every step was judged (the divergence did not end the trace). */
  readonly reachedEnd?: boolean;
  /** For FAIL: the divergences after the first. */
  readonly later?: readonly Divergence[];
  /** Milliseconds spent on it (the driver run, shared by a case's profiles, plus the check). */
  readonly ms: number;
  /** The expected failure it was compared with (conformance/expectations), when there is one. */
  readonly expected?: ExpectedFailure;
  /** What that comparison found, when it is not a plain XFAIL: a changed failure, a pass, a result that cannot be compared. */
  readonly note?: string;
}

/** An expected failure, as a result records it. */
export interface ExpectedFailure {
  /** The divergence kind expected. */
  readonly kind: DivergenceKind;
  /** The step expected. */
  readonly step: number;
  /** Why it is expected (its class first: impl-bug, spec-bug, allowed-variance). */
  readonly why: string;
  /** The expectations file, relative to the repository root. */
  readonly file: string;
}

/** What the expectations did to a run. */
export interface ExpectationsSummary {
  /** The expectation files read (those that exist, for the loaders that ran). */
  readonly files: readonly string[];
  /** Their entries. */
  readonly entries: number;
  /** Results that failed as expected. */
  readonly xfail: number;
  /** Expected failures that now pass: errors. */
  readonly xpass: number;
  /** Expected failures that fail differently (reported as FAIL with a note). */
  readonly changed: number;
  /** Problems: bad entries, unknown cases, entries whose result cannot be compared. */
  readonly problems: readonly string[];
}

/** A loader as the report records it. */
export interface LoaderEntry {
  /** Its id. */
  readonly id: string;
  /** What it is. */
  readonly description: string;
  /** The compiler of its driver and fixtures (none for the model). */
  readonly compiler?: CompilerName;
  /** Its C library's path, version and build id (none for the model). */
  readonly identity?: LoaderIdentity;
  /** The driver's hello under it (none for the model). */
  readonly hello?: HelloLine;
  /** How its cases' processes were made: children of a fork server, or exec (none for the model and older reports). */
  readonly isolation?: Isolation;
}

/** Verdict counts. */
export type VerdictCounts = Partial<Record<VerdictKind, number>>;

/** The summary tables. */
export interface RunSummary {
  /** Per loader: how many results of each verdict. */
  readonly byLoader: Readonly<Record<string, VerdictCounts>>;
  /** Per clause, per loader: the worst cell the results give it (cells.ts). */
  readonly byClause: Readonly<Record<string, Readonly<Record<string, ClauseCell>>>>;
  /** The same matrix for each profile's results alone (the HTML report's profile filter). */
  readonly byProfile?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, ClauseCell>>>>>>;
}

/** The whole of results.json. */
export interface RunReport {
  /** dlspec's version (package.json). */
  readonly dlspec: string;
  /** The driver protocol version. */
  readonly driverProtocolVersion: number;
  /** When the run started (ISO 8601). */
  readonly started: string;
  /** When it finished. */
  readonly finished: string;
  /** Whether it was interrupted before every case ran. */
  readonly interrupted: boolean;
  /** `uname -r`. */
  readonly kernel: string;
  /** The host name. */
  readonly host: string;
  /** The random seed (none yet). */
  readonly seed: null;
  /** The options the run was given. */
  readonly options: { readonly jobs: number; readonly timeoutMs: number; readonly caseGlob: string | null; readonly loaders: readonly string[]; readonly libcDirs: readonly string[] };
  /** The loaders that ran. */
  readonly loaders: readonly LoaderEntry[];
  /** Harness problems: loaders that could not be set up, builds that failed. */
  readonly problems: readonly string[];
  /** Every verdict. */
  readonly results: readonly ResultEntry[];
  /** Counts and the clause matrix. */
  readonly summary: RunSummary;
  /** What the per-loader expectations did (absent when none were applied). */
  readonly expectations?: ExpectationsSummary;
  /** The FAIL and XFAIL results grouped by loader and divergence signature, largest first (absent in reports written before clusters). */
  readonly clusters?: readonly FailureCluster[];
}
