/**
 * The conformance benchmark: cases per second through the whole pipeline against the host glibc
 * (lower, spawn the driver, parse its output, check the trace), beside the bare spawn rate of the
 * driver on an empty case, measured in the same run so that their ratio says what the harness
 * costs on top of starting processes.
 *
 * @module
 */
import { parseCase, type CaseDef } from '../case-file/case.js';
import { hostLoaders } from '../loaders/host.js';
import { lowerCase } from '../lower/lower.js';
import { worldFromFixtures } from '../world.js';
import { runDriver } from './execute.js';
import { buildHarness } from './harness.js';
import { limitsFor } from './limits.js';
import { probeLoader } from './probe.js';
import type { CheckFn } from './types.js';

/** The cases the benchmark cycles through: typical short baseline sequences. */
const BENCH_CASES: readonly string[] = [
  `id: bench/plain\ndescription: d\nclauses: [base.dlsym.found]\nprofiles: [dlmem-v9]\nsteps:\n` +
    `  - dlopen: { as: h, file: plain, mode: [RTLD_NOW] }\n  - dlsym: { as: s, handle: h, symbol: ref1 }\n  - call: { as: r, symbol: s }\n  - dlclose: { handle: h }\n`,
  `id: bench/chain\ndescription: d\nclauses: [base.dlopen.ctors-before-return]\nprofiles: [dlmem-v9]\nsteps:\n` +
    `  - dlopen: { as: a, file: chain-a, mode: [RTLD_NOW] }\n  - dlsym: { as: s, handle: a, symbol: chain_a }\n  - call: { symbol: s }\n  - dlclose: { handle: a }\n`,
];

/** What the benchmark measured. */
export interface ConformanceBench {
  /** Driver runs on an empty case per second. */
  readonly spawnsPerSecond: number;
  /** Cases per second through the whole pipeline. */
  readonly casesPerSecond: number;
  /** casesPerSecond / spawnsPerSecond. */
  readonly ratio: number;
  /** How many of each ran. */
  readonly spawns: number;
  /** How many cases ran. */
  readonly cases: number;
  /** Verdicts of the cases (all should be PASS). */
  readonly verdicts: Readonly<Record<string, number>>;
}

/** Repeats `once` until `budgetMs` has passed (at least once); returns runs per second and the count. */
async function rate(budgetMs: number, once: () => Promise<void>): Promise<{ perSecond: number; count: number }> {
  const t0 = performance.now();
  let count = 0;
  do { await once(); count += 1; } while (performance.now() - t0 < budgetMs);
  return { perSecond: count / ((performance.now() - t0) / 1000), count };
}

/** Runs the benchmark for `budgetMs` per measurement, one process at a time; a setup failure is a message. */
export async function benchConformance(budgetMs: number, check: CheckFn): Promise<ConformanceBench | { readonly problem: string }> {
  const harness = await buildHarness('cc');
  if ('problem' in harness) return harness;
  const found = await hostLoaders(harness.fixtures);
  if (!Array.isArray(found)) return { problem: found.message };
  const host = found[0];
  if (host === undefined) return { problem: 'no host loader' };
  const limits = limitsFor();
  const hello = await probeLoader(host, harness.driver, limits);
  if ('problem' in hello) return hello;
  const cases = BENCH_CASES.map((text) => parseCase(`conformance/cases/${/id: (\S+)/.exec(text)?.[1] ?? ''}.case.yaml`, text))
    .flatMap((r): CaseDef[] => (r.ok ? [r.case] : []));
  const world = worldFromFixtures(harness.fixtures, 'dlmem-v9', host.systemLibraries, hello.pagesize);
  const spawn = await rate(budgetMs, async () => { await runDriver(host, harness.driver, { text: '', files: [] }, limits); });
  const verdicts: Record<string, number> = {};
  let next = 0;
  const pipeline = await rate(budgetMs, async () => {
    const c = cases[next++ % cases.length] as CaseDef;
    const lowered = lowerCase(c, harness.fixtures, world, hello.pagesize);
    const run = 'error' in lowered ? lowered : await runDriver(host, harness.driver, lowered, limits);
    const kind = 'error' in run ? 'ERROR' : check(c, world, run.trace).kind;
    verdicts[kind] = (verdicts[kind] ?? 0) + 1;
  });
  return {
    spawnsPerSecond: spawn.perSecond, casesPerSecond: pipeline.perSecond, ratio: pipeline.perSecond / spawn.perSecond,
    spawns: spawn.count, cases: pipeline.count, verdicts,
  };
}
