/**
 * The runner's values: the oracle it is given, the options of a run and what it reports back.
 *
 * @module
 */
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { Trace, Verdict } from '../oracle/types.js';
import type { Isolation } from '../loaders/types.js';
import type { LoaderEntry, ResultEntry } from '../report/types.js';
import type { ActiveLoader } from './setup.js';

/** The oracle: conformance/oracle/check.ts's checkTrace, or a stand-in in tests. */
export type CheckFn = (caseDef: CaseDef, world: World, trace: Trace) => Verdict;

/** What a run is given. */
export interface RunOptions {
  /** The repository root (cases are read from root/conformance/cases). */
  readonly root: string;
  /** The oracle. */
  readonly check: CheckFn;
  /** Only the cases whose ids match this glob. */
  readonly caseGlob?: string;
  /** Loader ids or globs (`--loader`); empty or absent: the model and every loader found. */
  readonly loaders?: readonly string[];
  /** glibc build directories (`--libc`). */
  readonly libcDirs?: readonly string[];
  /** Parallel driver runs (default: the number of cores). */
  readonly jobs?: number;
  /** Per-case timeout in milliseconds (default 10 s). */
  readonly timeoutMs?: number;
  /** Address-space limit per driver run, in KiB. */
  readonly memoryKiB?: number;
  /** How each case's process is made (default `fork`: a child of a fork server started under its loader). */
  readonly isolation?: Isolation;
  /** The build cache root (tests use their own). */
  readonly cacheRoot?: string;
  /** The host's glibc directory (tests). */
  readonly hostLibDir?: string;
  /** Stops the run: no new case starts and running drivers are killed. */
  readonly signal?: AbortSignal;
  /** `--shard i/n`: only the cases whose position in id order is i-1 modulo n. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Results a resumed run already has, as `case\u0000loader` keys: those runs are not made again. */
  readonly done?: ReadonlySet<string>;
  /**
   * Turns the loaders that passed their probe into the ones that run (`dlspec mutants` adds a
   * mutant loader made of each), with any problem met on the way.
   */
  readonly extend?: (active: readonly ActiveLoader[]) => Promise<{ readonly active: readonly ActiveLoader[]; readonly problems: readonly string[] }>;
}

/** What a run reports as it goes. */
export interface RunEvents {
  /** The number of results the run will produce, once it knows. */
  readonly onPlan?: (total: number) => void;
  /** Every result, as soon as it exists. */
  readonly onResult?: (result: ResultEntry) => void;
  /** A harness problem (a loader that could not be set up, a failed build), as soon as it is met. */
  readonly onProblem?: (message: string) => void;
}

/** What a run returns. */
export interface RunOutcome {
  /** When it started. */
  readonly started: Date;
  /** When it finished. */
  readonly finished: Date;
  /** Whether the signal stopped it. */
  readonly interrupted: boolean;
  /** The loaders that ran. */
  readonly loaders: readonly LoaderEntry[];
  /** Every result, in the order they arrived. */
  readonly results: readonly ResultEntry[];
  /** Harness problems. */
  readonly problems: readonly string[];
}
