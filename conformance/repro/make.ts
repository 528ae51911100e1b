/**
 * `dlspec repro`: run one case once through the normal pipeline (conformance/runner) on one
 * loader, take its verdict and first divergence in the chosen profile, lower the case for that
 * loader, and write the standalone C program that reproduces it, with the command that builds
 * and runs it. Every failure is a value naming what went wrong.
 *
 * @module
 */
import { resolve } from 'node:path';
import type { ProfileId, World } from '../../model/world/world.js';
import { loadCase } from '../case-file/case.js';
import { expandCase } from '../case-file/expand.js';
import { libcDirId } from '../loaders/libc-dir.js';
import { checkTrace } from '../oracle/check.js';
import type { Trace } from '../oracle/types.js';
import { buildHarness } from '../runner/harness.js';
import { runConformance } from '../runner/run.js';
import { type Repro, writeRepro } from './write.js';

/** What `dlspec repro` is asked for. */
export interface ReproOptions {
  /** The repository root. */
  readonly root: string;
  /** The case id. */
  readonly caseId: string;
  /** The loader id (default: the `--libc` directory's). */
  readonly loader?: string;
  /** A glibc build directory. */
  readonly libc?: string;
  /** The profile (default: the case's first). */
  readonly profile?: string;
  /** Where to write the program, as the user wrote it (default `repro.c`), relative to `cwd`. */
  readonly out?: string;
  /** The directory `out` and the printed command are relative to (default: the process's). */
  readonly cwd?: string;
  /** Run the steps after the divergence too. */
  readonly keepGoing?: boolean;
  /** The driver run's timeout. */
  readonly timeoutMs?: number;
  /** The build cache root (tests). */
  readonly cacheRoot?: string;
}

export type { Repro } from './write.js';

/** Runs the case, then writes its repro. */
export async function makeRepro(options: ReproOptions): Promise<Repro | { readonly error: string }> {
  // A variant id (`dlmem/x[source=heap]`) names one expansion of its case file.
  const written = options.caseId.replace(/\[.*\]$/, '');
  const loaded = loadCase(options.root, `conformance/cases/${written}.case.yaml`);
  if (!loaded.ok) return { error: `case ${options.caseId}: ${loaded.problems.join('; ')}` };
  const c = expandCase(loaded.case).find((v) => v.id === options.caseId);
  if (c === undefined) return { error: `case ${options.caseId}: ${written} has no such variant (its variants: ${expandCase(loaded.case).map((v) => v.id).join(', ')})` };
  const loader = options.loader ?? (options.libc === undefined ? undefined : libcDirId(options.libc));
  if (loader === undefined) return { error: 'say which loader: --loader ID (or --libc DIR)' };
  if (loader === 'model' || /[*?]/.test(loader)) return { error: `--loader ${loader}: a repro needs one real loader` };
  const profile = (options.profile ?? c.profiles[0]) as ProfileId;
  if (!c.profiles.includes(profile)) return { error: `${c.id} does not run in profile ${profile} (its profiles: ${c.profiles.join(', ')})` };

  const runs = new Map<string, { world: World; trace: Trace }>();
  const problems: string[] = [];
  const outcome = await runConformance({
    root: options.root, caseGlob: c.id, loaders: [loader], libcDirs: options.libc === undefined ? [] : [options.libc], jobs: 1,
    check: (cd, world, trace) => { runs.set(world.profile.id, { world, trace }); return checkTrace(cd, world, trace); },
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.cacheRoot === undefined ? {} : { cacheRoot: options.cacheRoot }),
  }, { onProblem: (m) => problems.push(m) });
  const entry = outcome.results.find((r) => r.loader === loader && r.profile === profile);
  const info = outcome.loaders.find((l) => l.id === loader);
  if (entry === undefined || info?.compiler === undefined) return { error: `no result for ${c.id} on ${loader}: ${problems.join('; ') || 'the loader did not run'}` };
  if (entry.verdict === 'ERROR' || entry.verdict === 'UNSUPPORTED') {
    return { error: `${c.id} is ${entry.verdict} on ${loader} in ${profile}${entry.reason === undefined ? '' : `: ${entry.reason}`}; there is nothing to reproduce` };
  }
  const run = runs.get(profile);
  const harness = await buildHarness(info.compiler, options.cacheRoot);
  if (run === undefined || 'problem' in harness) return { error: `cannot rebuild the run of ${c.id} on ${loader}${'problem' in harness ? `: ${harness.problem}` : ''}` };
  const out = options.out ?? 'repro.c';
  return writeRepro({
    caseDef: c, loader, compiler: info.compiler, libcVersion: info.hello?.libc ?? info.identity?.version ?? '',
    ...(options.libc === undefined ? {} : { libc: resolve(options.libc) }), fixtures: harness.fixtures, entry, trace: run.trace,
    world: run.world, out, file: resolve(options.cwd ?? process.cwd(), out), keepGoing: options.keepGoing === true,
  });
}
