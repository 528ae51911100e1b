/**
 * `dlspec bench`: the benchmarks, printed as a table. Figures are from one run on this machine;
 * compare ratios measured side by side, not absolute numbers across machines.
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
import { benchConformance } from '../conformance/runner/bench.js';
import { runConformance } from '../conformance/runner/run.js';

/** Runs the benchmarks and prints the results; returns the exit code. */
export function runBenchCommand(print: (line: string) => void, budgetMs = 1000): number {
  const results = runModelBench(budgetMs);
  const reference = results[0]?.perSecond ?? 1;
  print('model transitions (one core, first allowed outcome at each step; ratio = rate / reference rate, same run)');
  print('scenario              transitions   outcomes   transitions/s   ratio');
  for (const r of results) {
    print(`${r.name.padEnd(20)}  ${String(r.transitions).padStart(11)}  ${String(r.outcomes).padStart(9)}  ` +
      `${Math.round(r.perSecond).toLocaleString('en-US').padStart(14)}  ${(r.perSecond / reference).toFixed(2).padStart(6)}`);
  }
  const usage = process.resourceUsage();
  const heap = process.memoryUsage();
  print(`peak RSS ${(usage.maxRSS / 1024).toFixed(1)} MiB · heap used ${(heap.heapUsed / 1048576).toFixed(1)} MiB`);
  return 0;
}

/**
 * The conformance benchmark against the host glibc: cases per second through the whole pipeline
 * (lower, spawn, parse, check) beside the bare spawn rate of the driver, and their ratio.
 */
export async function runConformanceBenchCommand(print: (line: string) => void, budgetMs = 1000): Promise<number> {
  const r = await benchConformance(budgetMs, checkTrace);
  print('');
  print('conformance pipeline against the host glibc (one process at a time)');
  if ('problem' in r) {
    print(`cannot run: ${r.problem}`);
    return 1;
  }
  const fmt = (n: number): string => n.toFixed(1).padStart(10);
  print(`bare driver spawns/s (empty case)   ${fmt(r.spawnsPerSecond)}   (${r.spawns} runs)`);
  print(`cases/s (lower, spawn, parse, check) ${fmt(r.casesPerSecond)}   (${r.cases} cases: ${Object.entries(r.verdicts).map(([k, n]) => `${k} ${n}`).join(', ')})`);
  print(`ratio cases/spawns                   ${r.ratio.toFixed(2).padStart(10)}`);
  // The full run with every case's dimensions expanded, on the memfd loader (it has dlmem wherever
  // the host glibc runs): results per second, beside the bare spawn rate measured above.
  const files = caseFiles(REPO_ROOT).length;
  const variants = loadCases(REPO_ROOT).filter((c) => c.ok).length;
  const t0 = performance.now();
  const full = await runConformance({ root: REPO_ROOT, check: checkTrace, loaders: ['host-glibc+memfd'] });
  const seconds = (performance.now() - t0) / 1000;
  const n = full.results.length;
  print(`full run on host-glibc+memfd: ${files} case files expand to ${variants} cases; ${n} results in ${seconds.toFixed(1)} s`);
  print(`results/s (whole run, expansion on)  ${fmt(n / seconds)}   ratio to bare spawns ${(n / seconds / r.spawnsPerSecond).toFixed(2)}`);
  // The oracle keeps every model state consistent with a trace, never cutting the set; this is
  // the largest set any case can need (every outcome followed, no observation to narrow it).
  const stats = { maxStates: 0 };
  const j = await computeJudgement(REPO_ROOT, undefined, stats);
  if ('problem' in j) print(`model states: cannot explore the cases: ${j.problem}`);
  else print(`largest model state set of any case      ${String(stats.maxStates).padStart(6)}   (the oracle stops with ERROR above ${LIVE_LIMIT})`);
  // A full mutation run on the host's loaders: every mutant they can be made into, each on the
  // cases that can convict it (conformance/mutants/focus.ts), after the unmutated run of every case.
  const m0 = performance.now();
  const mutation = await runMutation({ root: REPO_ROOT, mutants: MUTANTS, loaders: ['host-glibc', 'host-glibc+memfd'] });
  const mSeconds = (performance.now() - m0) / 1000;
  const s = mutation.report.scores.overall;
  print(`full mutation run on host-glibc(+memfd): ${mutation.report.rows.length} mutant loaders, ${mutation.results.length} results in ${mSeconds.toFixed(1)} s ` +
    `(${(mSeconds / seconds).toFixed(1)}× the full run above); score ${s.killed}/${s.judged}; ${mutation.report.reach.killed.length} of ${mutation.report.reach.targets.length} target clauses killed`);
  return 0;
}
