/**
 * A mutation run: the conformance suite on the base loaders and on every mutant made of them, in
 * one run, then the kill matrix.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { loadRegistry } from '../../spec/registry/load.js';
import { checkTrace } from '../oracle/check.js';
import type { ResultEntry } from '../report/types.js';
import { loadCases } from '../case-file/discover.js';
import { runConformance } from '../runner/index.js';
import { doneKey } from '../runner/run.js';
import type { RunOptions } from '../runner/types.js';
import { splitMutantId, type Mutant, type MutantBase } from './catalogue.js';
import { withMutants } from './loaders.js';
import { clauseReach } from './coverage.js';
import { casesJudging, outsideFocus } from './focus.js';
import { killMatrix } from './matrix.js';
import { mutantReport, type MutantReport } from './report.js';

/** What a mutation run is given: a run's root, builds, cases and limits, plus the mutants. */
export interface MutationOptions extends Pick<RunOptions, 'root' | 'libcDirs' | 'caseGlob' | 'jobs' | 'timeoutMs' | 'cacheRoot' | 'isolation'> {
  /** The mutants to make. */
  readonly mutants: readonly Mutant[];
  /** Base loader selectors (default: every host and musl loader, and the --libc builds). */
  readonly loaders?: readonly string[];
  /** Each result as it arrives. */
  readonly onResult?: (r: ResultEntry) => void;
  /** The number of results to come (called again when the mutants' share is known). */
  readonly onPlan?: (n: number) => void;
  /** Every case on every mutant, not only the cases that can convict it (focus.ts). */
  readonly allCases?: boolean;
}

/** What a mutation run found. */
export interface MutationOutcome {
  /** The kill matrix and scores. */
  readonly report: MutantReport;
  /** Every result, the base loaders' and the mutants'. */
  readonly results: readonly ResultEntry[];
  /** Problems met setting up loaders or building the mutant library. */
  readonly problems: readonly string[];
}

const NEEDS: Readonly<Record<MutantBase, string>> = {
  libc: 'no loader ran',
  dlmem: 'needs a loader with dlmem: a +memfd loader or a --libc build of the dlmem branch',
  'dlmem-own': 'needs a loader with its own dlmem: a --libc build of the dlmem branch',
  noreloc: 'needs a loader with RTLD_NORELOCATE: a --libc build of the noreloc branch',
};

/** Runs the cases on the base loaders and their mutants and builds the kill matrix. */
export async function runMutation(o: MutationOptions): Promise<MutationOutcome> {
  const libcDirs = o.libcDirs ?? [];
  const loaders = o.loaders !== undefined && o.loaders.length > 0 ? o.loaders
    : ['host-glibc*', 'musl*', ...(libcDirs.length > 0 ? ['glibc:*'] : [])];
  const options: RunOptions = {
    root: o.root, check: checkTrace, loaders, libcDirs,
    ...(o.caseGlob === undefined ? {} : { caseGlob: o.caseGlob }), ...(o.jobs === undefined ? {} : { jobs: o.jobs }),
    ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }), ...(o.cacheRoot === undefined ? {} : { cacheRoot: o.cacheRoot }),
    ...(o.isolation === undefined ? {} : { isolation: o.isolation }),
  };
  const events = (before: number) => ({
    ...(o.onResult === undefined ? {} : { onResult: o.onResult }), ...(o.onPlan === undefined ? {} : { onPlan: (n: number) => o.onPlan?.(before + n) }),
  });
  // First the base loaders on every case, then each mutant on the cases that can convict it.
  const unmutated = await runConformance(options, events(0));
  const cases = loadCases(o.root, o.caseGlob).flatMap((r) => (r.ok ? [r.case] : []));
  const baseIds = unmutated.loaders.map((l) => l.id);
  const done = o.allCases === true ? new Set(cases.flatMap((c) => baseIds.map((b) => doneKey(c.id, b))))
    : outsideFocus(cases, baseIds, o.mutants, casesJudging(cases, unmutated.results));
  const mutated = await runConformance({ ...options, extend: withMutants(o.mutants, o.cacheRoot), done }, events(unmutated.results.length));
  const outcome = { loaders: mutated.loaders, results: [...unmutated.results, ...mutated.results], problems: [...new Set([...unmutated.problems, ...mutated.problems])] };
  const bases = outcome.loaders.map((l) => l.id).filter((id) => splitMutantId(id) === undefined);
  const rows = killMatrix(o.mutants, bases, outcome.results);
  const made = new Set(rows.map((r) => r.mutant));
  const notMade = [
    ...o.mutants.filter((m) => !made.has(m.id)).map((m) => ({ mutant: m.id, why: NEEDS[m.base] })),
    // The loaders a mutant's departure cannot be made on, and why (catalogue.ts notOn).
    ...o.mutants.flatMap((m) => outcome.loaders.filter((l) => bases.includes(l.id) && m.notOn !== undefined && l.hello?.libc.startsWith(m.notOn.libc) === true)
      .map((l) => ({ mutant: m.id, why: `not made of ${l.id}: ${m.notOn?.why ?? ''}` }))),
  ];
  const chapters = new Map(loadRegistry(o.root).registry.chapters.flatMap((c) => c.clauses.map((cl) => [cl.id, c.id] as const)));
  const chapterOf = (c: ClauseId): string => chapters.get(c) ?? '?';
  return { report: mutantReport(o.mutants, bases, rows, chapterOf, notMade, clauseReach(o.mutants, bases, outcome.results, rows)), results: outcome.results, problems: outcome.problems };
}
