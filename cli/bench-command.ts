/**
 * `dlspec bench`: the benchmarks, printed as tables. Figures are from one run on this machine;
 * what compares across machines are the ratios of rates measured side by side in the same run:
 * cases per second against the rate at which this runtime spawns `/bin/true`, and the model's
 * transitions per second against its targets.
 *
 * @module
 */
import { runModelBench } from '../model/bench/run.js';
import { MUTANTS } from '../conformance/mutants/catalogue.js';
import { runMutation } from '../conformance/mutants/run.js';
import { checkTrace } from '../conformance/oracle/check.js';
import { REPO_ROOT } from '../conformance/build/cache.js';
import { computeJudgement } from '../conformance/coverage/judgement.js';
import { LIVE_LIMIT } from '../conformance/oracle/replay.js';
import { caseFiles, loadCases } from '../conformance/case-file/discover.js';
import { benchConformance, type ConformanceBench } from '../conformance/runner/bench.js';
import { defaultJobs } from '../conformance/runner/pool.js';
import { runConformance } from '../conformance/runner/run.js';

/** The model's target: transitions per second on one core, in every scenario. */
export const MODEL_TARGET = 100_000;

/** The conformance targets, as ratios to the `/bin/true` spawn rate of the same run. */
export const PIPELINE_TARGETS = { exec: 0.8, fork: 2 } as const;

const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;
const rate = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The model benchmark's table. */
export function printModelBench(print: (line: string) => void, budgetMs: number): void {
  const results = runModelBench(budgetMs);
  print(`model transitions, compiled, on one core (the first allowed outcome at each step; target ${rate(MODEL_TARGET)} per second of CPU time in every scenario)`);
  print('scenario              transitions   outcomes   per s (wall)   per s (CPU)   target');
  for (const r of results) {
    const mark = r.reference === true ? '(reference)' : r.perCpuSecond >= MODEL_TARGET ? 'met' : 'MISSED';
    print(`${r.name.padEnd(20)}  ${String(r.transitions).padStart(11)}  ${String(r.outcomes).padStart(9)}  ${rate(r.perSecond).padStart(13)}  ${rate(r.perCpuSecond).padStart(12)}   ${mark}`);
  }
}

/** The pipeline benchmark's table; the targets are marked when `judged`. */
function printPipeline(r: ConformanceBench, judged: boolean, print: (line: string) => void): void {
  const base = r.trueSpawns.perSecond;
  const row = (name: string, x: { perSecond: number; count: number }, target?: number): string => {
    const ratio = x.perSecond / base;
    const mark = target === undefined || !judged ? '' : `   target ≥ ${target}×: ${ratio >= target ? 'met' : 'MISSED'}`;
    return `${name.padEnd(40)} ${x.perSecond.toFixed(1).padStart(8)}   ${ratio.toFixed(2).padStart(5)}×   (${x.count} runs)${mark}`;
  };
  print(`${r.jobs === 1 ? 'one process at a time' : `${r.jobs} processes at a time (a run's default --jobs)`}      per s   ÷ /bin/true`);
  print(row('node spawns /bin/true (no pipes)', r.trueSpawns));
  print(row('node spawns /bin/true (default: pipes)', r.trueSpawnsPiped));
  print(row('bare driver execs (empty case, launcher)', r.driverSpawns));
  print(row('bare driver forks (empty case)', r.driverForks));
  print(row('cases/s, exec (lower, run, parse, check)', r.execCases, PIPELINE_TARGETS.exec));
  print(row('cases/s, fork (lower, run, parse, check)', r.forkCases, PIPELINE_TARGETS.fork));
  print(`verdicts of the cases: ${Object.entries(r.verdicts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

/** A full conformance run on every loader found: its time, and the process's peak memory after it. */
async function printFullRun(print: (line: string) => void): Promise<void> {
  const files = caseFiles(REPO_ROOT).length;
  const variants = loadCases(REPO_ROOT).filter((c) => c.ok).length;
  const t0 = performance.now();
  const full = await runConformance({ root: REPO_ROOT, check: checkTrace });
  const seconds = (performance.now() - t0) / 1000;
  print(`full run (every loader found: ${full.loaders.map((l) => (l.isolation === undefined ? l.id : `${l.id} (${l.isolation})`)).join(', ')})`);
  print(`  ${files} case files expand to ${variants} cases; ${full.results.length} results in ${seconds.toFixed(1)} s, ${(full.results.length / seconds).toFixed(1)} results/s`);
  print(`  peak memory of the process so far (the full run is its largest part): RSS ${mib(process.resourceUsage().maxRSS * 1024)}; heap used after it ${mib(process.memoryUsage().heapUsed)}`);
}

/**
 * Every benchmark, in one run: the model's scenarios first (on code the rest has not yet made
 * polymorphic), the explorer, the pipeline side by side with the spawn rate of `/bin/true`, a full
 * conformance run with the process's peak memory, and a full mutation run; a missed target is
 * marked in its table. Returns the exit code: 1 when the pipeline cannot run.
 */
export async function runBenchCommand(print: (line: string) => void, budgetMs = 1000): Promise<number> {
  printModelBench(print, budgetMs);
  // The explorer: every case through the model in every profile, every outcome followed (the
  // judged coverage's exploration), states kept distinct.
  const stats = { maxStates: 0, states: 0, ms: 0 };
  const j = await computeJudgement(REPO_ROOT, undefined, stats);
  const eSeconds = stats.ms / 1000;
  if ('problem' in j) print(`explorer: cannot explore the cases: ${j.problem}`);
  else {
    print(`explorer (every case, every profile, every outcome): ${stats.states} states in ${eSeconds.toFixed(2)} s, ${rate(stats.states / eSeconds)} states/s`);
    print(`largest model state set of any case: ${stats.maxStates} (the oracle stops with ERROR above ${LIVE_LIMIT})`);
  }
  print('');
  print('conformance pipeline against the host glibc, the measurements taking turns in rounds; targets at a run\'s --jobs');
  const jobs = defaultJobs();
  let problem: string | undefined;
  for (const n of jobs === 1 ? [1] : [1, jobs]) {
    const r = await benchConformance(budgetMs * 4, checkTrace, n);
    if ('problem' in r) { problem = r.problem; print(`cannot run: ${r.problem}`); break; }
    printPipeline(r, n === jobs, print);
  }
  print('');
  await printFullRun(print);
  print('');
  // A full mutation run on the host's loaders: every mutant they can be made into, each on the
  // cases that can convict it (conformance/mutants/focus.ts), after the unmutated run of every case.
  const m0 = performance.now();
  const mutation = await runMutation({ root: REPO_ROOT, mutants: MUTANTS, loaders: ['host-glibc', 'host-glibc+memfd'] });
  const mSeconds = (performance.now() - m0) / 1000;
  const s = mutation.report.scores.overall;
  print(`full mutation run on host-glibc(+memfd): ${mutation.report.rows.length} mutant loaders, ${mutation.results.length} results in ${mSeconds.toFixed(1)} s ` +
    `(${(mutation.results.length / mSeconds).toFixed(1)} results/s); score ${s.killed}/${s.judged}; ${mutation.report.reach.killed.length} of ${mutation.report.reach.targets.length} target clauses killed`);
  return problem === undefined ? 0 : 1;
}
