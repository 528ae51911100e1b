/**
 * A conformance run: load the cases, set up the loaders, then every case in every profile it
 * lists on every loader: the model through its explorer, the real loaders through the driver and
 * the oracle, `jobs` driver runs at a time. Results are handed out as they arrive; a malformed
 * case, a loader crash, a hang or a harness failure on one case is a result, never the end of
 * the run (`dlspec run` itself refuses malformed cases before it starts anything).
 *
 * @module
 */
import { loadCases } from '../case-file/discover.js';
import type { CaseDef } from '../case-file/case.js';
import { HOST_LIB_DIR } from '../loaders/host.js';
import { checkWithModel, MODEL_DESCRIPTION, MODEL_LOADER_ID } from '../loaders/model.js';
import { systemLibraries } from '../loaders/system.js';
import type { LoaderEntry, ResultEntry } from '../report/types.js';
import { limitsFor } from './limits.js';
import { defaultJobs, runPool } from './pool.js';
import { errorEntry, entryOf, malformedRef, safeCheck } from './results.js';
import { runCaseOn } from './run-case.js';
import { ServerPool } from './servers.js';
import { type ActiveLoader, type Setup, setUpLoaders } from './setup.js';
import type { RunEvents, RunOptions, RunOutcome } from './types.js';
import { WorldCache } from './worlds.js';

/** The report's entry for each loader that runs. */
function loaderEntries(setup: Setup): LoaderEntry[] {
  const model: LoaderEntry[] = setup.model ? [{ id: MODEL_LOADER_ID, description: MODEL_DESCRIPTION }] : [];
  return [...model, ...setup.active.map(({ loader, hello, isolation }) => ({
    id: loader.id, description: loader.description, compiler: loader.compiler, identity: loader.identity, hello, isolation,
  }))];
}

/** Every case in every profile through the model (synchronous: no process is started). */
function runModel(cases: readonly CaseDef[], setup: Setup, worlds: WorldCache, emit: (r: ResultEntry) => void): void {
  const cc = setup.harnesses.get('cc');
  const host = setup.found.find((l) => l.id === 'host-glibc');
  for (const c of cases) {
    for (const profile of c.profiles) {
      if (cc === undefined) { emit(errorEntry(c, MODEL_LOADER_ID, profile, 'no fixtures were built with cc: the model has no world')); continue; }
      const system = host?.systemLibraries ?? systemLibraries(cc.fixtures, [HOST_LIB_DIR]);
      const world = worlds.get(MODEL_LOADER_ID, profile, cc.fixtures, system, 4096);
      if ('error' in world) { emit(errorEntry(c, MODEL_LOADER_ID, profile, world.error)); continue; }
      const t0 = performance.now();
      const verdict = safeCheck(() => checkWithModel(c, world), profile);
      emit(entryOf(c, MODEL_LOADER_ID, verdict, performance.now() - t0));
    }
  }
}

/** The key of a case run on a loader, as RunOptions.done holds them. */
export function doneKey(caseId: string, loader: string): string {
  return `${caseId}\u0000${loader}`;
}

/** The cases of shard `shard` (all when there is none): every n-th case in id order, from the i-th. */
export function inShard(cases: readonly CaseDef[], shard: RunOptions['shard']): readonly CaseDef[] {
  if (shard === undefined) return cases;
  return [...cases].sort((a, b) => a.id.localeCompare(b.id)).filter((_, i) => i % shard.count === shard.index - 1);
}

/** Runs the conformance suite as `options` say, reporting through `events`; its servers end with it. */
export async function runConformance(options: RunOptions, events: RunEvents = {}): Promise<RunOutcome> {
  const servers = new ServerPool();
  try {
    return await runWith(options, events, servers);
  } finally {
    servers.close();
  }
}

async function runWith(options: RunOptions, events: RunEvents, servers: ServerPool): Promise<RunOutcome> {
  const started = new Date();
  const limits = limitsFor(options.timeoutMs, options.memoryKiB);
  const loaded = loadCases(options.root, options.caseGlob);
  const cases = inShard(loaded.flatMap((r) => (r.ok ? [r.case] : [])), options.shard);
  const malformed = loaded.flatMap((r) => (r.ok ? [] : [r]));
  const base = await setUpLoaders(options, limits, cases.length > 0, (m) => events.onProblem?.(m), servers);
  const extended = options.extend === undefined ? undefined : await options.extend(base.active);
  for (const m of extended?.problems ?? []) events.onProblem?.(m);
  const setup = extended === undefined ? base : { ...base, active: extended.active, problems: [...base.problems, ...extended.problems] };
  const loaderIds = [...(setup.model ? [MODEL_LOADER_ID] : []), ...setup.active.map((a) => a.loader.id)];
  const results: ResultEntry[] = [];
  const problems = [...setup.problems];
  const emit = (r: ResultEntry): void => { results.push(r); events.onResult?.(r); };
  const done = (c: CaseDef, loader: string): boolean => options.done?.has(doneKey(c.id, loader)) === true;
  const todo = loaderIds.reduce((n, id) => n + cases.reduce((k, c) => k + (done(c, id) ? 0 : c.profiles.length), 0), 0);
  events.onPlan?.(malformed.length * loaderIds.length + todo);

  for (const m of malformed) {
    for (const id of loaderIds) emit(errorEntry(malformedRef(m.file), id, null, `malformed case file: ${m.problems.join('; ')}`));
  }
  const worlds = new WorldCache();
  if (setup.model) runModel(cases.filter((c) => !done(c, MODEL_LOADER_ID)), setup, worlds, emit);
  const tasks = cases.flatMap((c) => setup.active.filter((a) => !done(c, a.loader.id)).map((active): [CaseDef, ActiveLoader] => [c, active]));
  const ctx = {
    check: options.check, worlds, limits, emit, servers, ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  await runPool(tasks, options.jobs ?? defaultJobs(), ([c, active]) => runCaseOn(c, active, ctx), ([c, active], error) => {
    const reason = `the harness failed on this case: ${error instanceof Error ? error.message : String(error)}`;
    for (const p of c.profiles) emit(errorEntry(c, active.loader.id, p, reason));
  }, options.signal);
  return {
    started, finished: new Date(), interrupted: options.signal?.aborted === true,
    loaders: loaderEntries(setup), results, problems,
  };
}
