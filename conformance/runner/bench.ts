/**
 * The conformance benchmark against the host glibc, measured side by side in one run and with as
 * many processes at a time as a run has (`jobs`, default: the number of cores): the rate at which
 * this runtime spawns `/bin/true` (its process-creation limit: Node's main thread waits in every
 * spawn until the child has exec'd), bare driver spawns on an empty case, and cases per second
 * through the whole pipeline (lower, run the driver, parse its output, check the trace) with each
 * case's process made by exec and by a fork server. The measurements take turns in rounds, so
 * that a change in the machine's load weighs on each of them alike; their ratios are what compares
 * across machines.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { parseCase, type CaseDef } from '../case-file/case.js';
import { hostLoaders } from '../loaders/host.js';
import type { Loader } from '../loaders/types.js';
import { lowerCase } from '../lower/lower.js';
import { worldFromFixtures } from '../world.js';
import { type RunHow, runDriver } from './execute.js';
import { buildHarness, type Harness } from './harness.js';
import { limitsFor } from './limits.js';
import { defaultJobs } from './pool.js';
import { probeLoader } from './probe.js';
import { ServerPool } from './servers.js';
import type { CheckFn } from './types.js';

/** The cases the benchmark cycles through: typical short baseline sequences. */
const BENCH_CASES: readonly string[] = [
  `id: bench/plain\ndescription: d\nclauses: [base.dlsym.found]\nprofiles: [dlmem-v9]\nsteps:\n` +
    `  - dlopen: { as: h, file: plain, mode: [RTLD_NOW] }\n  - dlsym: { as: s, handle: h, symbol: ref1 }\n  - call: { as: r, symbol: s }\n  - dlclose: { handle: h }\n`,
  `id: bench/chain\ndescription: d\nclauses: [base.dlopen.ctors-before-return]\nprofiles: [dlmem-v9]\nsteps:\n` +
    `  - dlopen: { as: a, file: chain-a, mode: [RTLD_NOW] }\n  - dlsym: { as: s, handle: a, symbol: chain_a }\n  - call: { symbol: s }\n  - dlclose: { handle: a }\n`,
];

/** How many rounds the measurements take turns in. */
export const BENCH_ROUNDS = 8;

/** One measured rate. */
export interface Rate {
  /** Runs per second. */
  readonly perSecond: number;
  /** Runs made. */
  readonly count: number;
}

/** What the benchmark measured. */
export interface ConformanceBench {
  /** Spawns of `/bin/true` per second, as cheaply as Node can (the reference of the targets). */
  readonly trueSpawns: Rate;
  /** Spawns of `/bin/true` per second with Node's default standard streams (three pipes). */
  readonly trueSpawnsPiped: Rate;
  /** Driver runs on an empty case per second, by exec (through the launcher). */
  readonly driverSpawns: Rate;
  /** Driver runs on an empty case per second, each a child of a fork server. */
  readonly driverForks: Rate;
  /** Cases per second through the whole pipeline, by exec. */
  readonly execCases: Rate;
  /** Cases per second through the whole pipeline, by fork. */
  readonly forkCases: Rate;
  /** How many runs of each measurement were made at a time. */
  readonly jobs: number;
  /** Verdicts of the cases (all should be PASS). */
  readonly verdicts: Readonly<Record<string, number>>;
}

/** A measurement: its name and one run of it. */
type Measure = readonly [keyof Omit<ConformanceBench, 'verdicts' | 'jobs'>, () => Promise<void>];

/**
 * Runs the measurements in turn for `rounds` rounds of `budgetMs` each, `jobs` runs of a
 * measurement at a time, after a warm-up round that is not counted (the JIT compiles the oracle
 * and the model, the servers start, the caches fill); the rate of each over all its rounds.
 */
async function takeTurns(measures: readonly Measure[], budgetMs: number, rounds: number, jobs: number): Promise<Record<string, Rate>> {
  const totals = new Map<string, { ms: number; count: number }>();
  for (let round = -1; round < rounds; round++) {
    for (const [name, once] of measures) {
      const t0 = performance.now();
      let count = 0;
      const worker = async (): Promise<void> => { do { await once(); count += 1; } while (performance.now() - t0 < budgetMs); };
      await Promise.all(Array.from({ length: jobs }, worker));
      if (round < 0) continue;
      const total = totals.get(name) ?? { ms: 0, count: 0 };
      totals.set(name, { ms: total.ms + performance.now() - t0, count: total.count + count });
    }
  }
  return Object.fromEntries([...totals].map(([name, t]) => [name, { perSecond: t.count / (t.ms / 1000), count: t.count }]));
}

/**
 * Spawns `/bin/true` as cheaply as Node can (no pipes, standard streams to /dev/null, in a process
 * group of its own as a case's process is) and waits for it to exit: the process-creation limit.
 */
function spawnTrue(): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('/bin/true', [], { cwd: tmpdir(), env: {}, detached: true, stdio: 'ignore' });
    child.on('error', () => resolve());
    child.on('exit', () => resolve());
  });
}

/** The same with Node's default standard streams, three pipes, read to their end. */
function spawnTruePiped(): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('/bin/true', [], { cwd: tmpdir(), env: {}, detached: true });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
}

/** The host loader and its harness, probed; or why the benchmark cannot run. */
async function hostSetup(): Promise<{ readonly host: Loader; readonly harness: Harness; readonly pagesize: number } | { readonly problem: string }> {
  const harness = await buildHarness('cc');
  if ('problem' in harness) return harness;
  const found = await hostLoaders(harness.fixtures);
  if (!Array.isArray(found)) return { problem: found.message };
  const host = found[0];
  if (host === undefined) return { problem: 'no host loader' };
  const hello = await probeLoader(host, harness.driver, limitsFor());
  if ('problem' in hello) return hello;
  return { host, harness, pagesize: hello.pagesize };
}

/** Runs the benchmark for `budgetMs` per measurement, `jobs` runs at a time; a setup failure is a message. */
export async function benchConformance(budgetMs: number, check: CheckFn, jobs = defaultJobs(), rounds = BENCH_ROUNDS): Promise<ConformanceBench | { readonly problem: string }> {
  const setup = await hostSetup();
  if ('problem' in setup) return setup;
  const { host, harness, pagesize } = setup;
  const limits = limitsFor();
  const cases = BENCH_CASES.map((text) => parseCase(`conformance/cases/${/id: (\S+)/.exec(text)?.[1] ?? ''}.case.yaml`, text))
    .flatMap((r): CaseDef[] => (r.ok ? [r.case] : []));
  const world = worldFromFixtures(harness.fixtures, 'dlmem-v9', host.systemLibraries, pagesize);
  const servers = new ServerPool();
  const verdicts: Record<string, number> = {};
  const empty = { text: '', files: [] };
  let next = 0;
  const pipeline = (how: RunHow) => async (): Promise<void> => {
    const c = cases[next++ % cases.length] as CaseDef;
    const lowered = lowerCase(c, harness.fixtures, world, pagesize);
    const run = 'error' in lowered ? lowered : await runDriver(host, harness.driver, lowered, limits, how);
    const kind = 'error' in run ? 'ERROR' : check(c, world, run.trace).kind;
    verdicts[kind] = (verdicts[kind] ?? 0) + 1;
  };
  try {
    const rates = await takeTurns([
      ['trueSpawns', spawnTrue],
      ['trueSpawnsPiped', spawnTruePiped],
      ['driverSpawns', async () => { await runDriver(host, harness.driver, empty, limits, { servers, isolation: 'exec' }); }],
      ['driverForks', async () => { await runDriver(host, harness.driver, empty, limits, { servers, isolation: 'fork' }); }],
      ['execCases', pipeline({ servers, isolation: 'exec' })],
      ['forkCases', pipeline({ servers, isolation: 'fork' })],
    ], budgetMs / rounds, rounds, jobs);
    return { ...(rates as Record<Measure[0], Rate>), jobs, verdicts };
  } finally {
    servers.close();
  }
}
