/**
 * A fuzz run: `runs` mutated images of one seed, each through the model (its ELF reader's
 * classification, and the model's explorer on the case) and through every selected loader in a
 * child process of its own (conformance/runner's runCaseOn: the same limits, timeout, trace and
 * oracle as `dlspec run`). Every image gets a verdict on every loader; a harness fault on one
 * image is an ERROR result for it, never the end of the run.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { ProfileId, World } from '../../model/world/world.js';
import type { Harness } from '../runner/harness.js';
import type { CompilerName } from '../build/index.js';
import { HOST_LIB_DIR } from '../loaders/host.js';
import { checkWithModel, MODEL_LOADER_ID } from '../loaders/model.js';
import { systemLibraries } from '../loaders/system.js';
import { checkTrace } from '../oracle/check.js';
import type { ResultEntry } from '../report/types.js';
import type { ReproRun } from '../repro/write.js';
import type { Trace } from '../oracle/types.js';
import { limitsFor } from '../runner/limits.js';
import { defaultJobs, runPool } from '../runner/pool.js';
import { entryOf, errorEntry, safeCheck } from '../runner/results.js';
import { runCaseOn } from '../runner/run-case.js';
import { type ActiveLoader, setUpLoaders } from '../runner/setup.js';
import { WorldCache } from '../runner/worlds.js';
import { generateMutation } from './generate.js';
import { FUZZ_CACHE, fuzzCase, imageFacts, setWithImage, worldWithImage, writeImage } from './image-case.js';
import { applyMutation, describeMutation, type Mutation } from './mutation.js';
import { type Classification, classify, type FuzzImageResult, slim } from './results.js';

/** The loaders a fuzz run uses unless told otherwise. */
export const DEFAULT_FUZZ_LOADERS: readonly string[] = ['model', 'host-glibc+memfd'];

/** The default timeout of one image's child process, in milliseconds. */
export const DEFAULT_FUZZ_TIMEOUT_MS = 5000;

/** What a fuzz run is given. */
export interface ElfFuzzOptions {
  /** The repository root. */
  readonly root: string;
  /** The seed every image is drawn from. */
  readonly seed: string;
  /** How many images (indices 0 … runs-1). */
  readonly runs: number;
  /** Run image `only` alone instead. */
  readonly only?: number;
  /** Run these mutations (image i is the i-th) instead of the seed's: a known image again, or a test's. */
  readonly mutations?: readonly Mutation[];
  /** Loader ids or globs (default {@link DEFAULT_FUZZ_LOADERS}). */
  readonly loaders?: readonly string[];
  /** glibc build directories. */
  readonly libcDirs?: readonly string[];
  /** The profile the cases are judged in (default dlmem-branch). */
  readonly profile?: ProfileId;
  /** Child processes at once (default: the number of cores). */
  readonly jobs?: number;
  /** Per-image timeout. */
  readonly timeoutMs?: number;
  /** The build cache root (tests). */
  readonly cacheRoot?: string;
  /** Where the images are written (default .cache/fuzz-elf). */
  readonly imageDir?: string;
  /** Stops the run. */
  readonly signal?: AbortSignal;
  /** Keep every real loader's full run (result, trace, world) in the outcome, for a repro. */
  readonly keep?: boolean;
}

/** One real loader's run of one image, kept whole (ElfFuzzOptions.keep). */
export type KeptRun = Omit<ReproRun, 'out' | 'file' | 'keepGoing'>;

/** What a fuzz run reports as it goes. */
export interface ElfFuzzEvents {
  /** The number of images, once the loaders are set up. */
  readonly onPlan?: (images: number, loaders: readonly string[]) => void;
  /** Every image, once all its loaders gave their verdicts. */
  readonly onImage?: (image: FuzzImageResult) => void;
  /** A harness problem. */
  readonly onProblem?: (message: string) => void;
}

/** What a fuzz run returns. */
export interface ElfFuzzOutcome {
  /** The options' seed. */
  readonly seed: string;
  /** The profile. */
  readonly profile: ProfileId;
  /** The loaders that ran, the model first when it did. */
  readonly loaders: readonly string[];
  /** Every image, in index order. */
  readonly images: readonly FuzzImageResult[];
  /** Harness problems. */
  readonly problems: readonly string[];
  /** Wall-clock milliseconds. */
  readonly ms: number;
  /** Whether the signal stopped it. */
  readonly interrupted: boolean;
  /** With ElfFuzzOptions.keep: every real loader's run. */
  readonly kept: readonly KeptRun[];
}

/** The fuzzed fixtures' bytes in one harness, by name. */
async function sourcesOf(h: Harness): Promise<ReadonlyMap<string, Uint8Array>> {
  const entries = await Promise.all(h.fixtures.fixtures.filter((f) => f.kind === 'compiled')
    .map(async (f): Promise<[string, Uint8Array]> => [f.name, new Uint8Array(await readFile(f.path))]));
  return new Map(entries);
}

/** One image of the run: its mutation, made in every harness's build of its source fixture. */
interface Planned {
  readonly index: number;
  readonly mutation: Mutation;
}

/** Runs the fuzz as `options` say. */
export async function runElfFuzz(options: ElfFuzzOptions, events: ElfFuzzEvents = {}): Promise<ElfFuzzOutcome> {
  const started = performance.now();
  const profile = options.profile ?? 'dlmem-branch';
  const limits = limitsFor(options.timeoutMs ?? DEFAULT_FUZZ_TIMEOUT_MS);
  const problems: string[] = [];
  const problem = (m: string): void => { problems.push(m); events.onProblem?.(m); };
  const setup = await setUpLoaders({
    root: options.root, check: checkTrace, loaders: options.loaders ?? DEFAULT_FUZZ_LOADERS, libcDirs: options.libcDirs ?? [],
    ...(options.cacheRoot === undefined ? {} : { cacheRoot: options.cacheRoot }),
  }, limits, true, problem);
  const sources = new Map<CompilerName, ReadonlyMap<string, Uint8Array>>();
  for (const [cc, h] of setup.harnesses) sources.set(cc, await sourcesOf(h));
  const first = sources.get('cc') ?? [...sources.values()][0];
  const loaders = [...(setup.model ? [MODEL_LOADER_ID] : []), ...setup.active.map((a) => a.loader.id)];
  const indices = options.only !== undefined ? [options.only] : Array.from({ length: options.runs }, (_, i) => i);
  const given = options.mutations;
  const plan: Planned[] = first === undefined ? []
    : given !== undefined ? given.map((mutation, index) => ({ index, mutation }))
      : indices.map((index) => ({ index, mutation: generateMutation(options.seed, index, first) }));
  events.onPlan?.(plan.length, loaders);
  const worlds = new WorldCache();
  const cc = setup.harnesses.get('cc');
  const modelSystem = setup.found.find((l) => l.id === 'host-glibc')?.systemLibraries ?? (cc === undefined ? undefined : systemLibraries(cc.fixtures, [HOST_LIB_DIR]));
  const imageDir = options.imageDir ?? FUZZ_CACHE;
  const kept: KeptRun[] = [];

  /** Every verdict on one image. */
  const runImage = async ({ index, mutation }: Planned): Promise<FuzzImageResult> => {
    const text = describeMutation(mutation);
    const c = fuzzCase(options.seed, index, profile, text);
    const results: ResultEntry[] = [];
    let classification: Classification | undefined;
    let size = 0;
    const image = async (compiler: CompilerName) => {
      const bytes = applyMutation(sources.get(compiler)?.get(mutation.from) ?? new Uint8Array(), mutation);
      const file = await writeImage(bytes, imageDir);
      const facts = imageFacts(file);
      if (compiler === 'cc' || classification === undefined) { classification = classify(facts); size = bytes.length; }
      return { file, facts };
    };
    if (setup.model) {
      if (cc === undefined || modelSystem === undefined) {
        results.push(errorEntry(c, MODEL_LOADER_ID, profile, 'no fixtures were built with cc: the model has no world'));
      } else {
        const { facts } = await image('cc');
        const world = worlds.get(MODEL_LOADER_ID, profile, cc.fixtures, modelSystem, 4096);
        const t0 = performance.now();
        const verdict = 'error' in world ? undefined : safeCheck(() => checkWithModel(c, worldWithImage(world, facts)), profile);
        results.push(verdict === undefined ? errorEntry(c, MODEL_LOADER_ID, profile, (world as { error: string }).error) : entryOf(c, MODEL_LOADER_ID, verdict, performance.now() - t0));
      }
    }
    for (const active of setup.active) {
      const { file, facts } = await image(active.loader.compiler);
      const one: ActiveLoader = { ...active, harness: { ...active.harness, fixtures: setWithImage(active.harness.fixtures, file) } };
      const imageWorlds = {
        get: (...args: Parameters<WorldCache['get']>): World | { readonly error: string } => {
          const w = worlds.get(...args);
          return 'error' in w ? w : worldWithImage(w, facts);
        },
      };
      const before = results.length;
      let seen: { world: World; trace: Trace } | undefined;
      const check = (cd: typeof c, world: World, trace: Trace) => { seen = { world, trace }; return checkTrace(cd, world, trace); };
      const emit = (r: ResultEntry): void => {
        results.push(r);
        if (options.keep !== true || seen === undefined) return;
        kept.push({
          caseDef: c, loader: active.loader.id, compiler: active.loader.compiler, libcVersion: active.hello.libc ?? active.loader.identity.version ?? '',
          ...(active.loader.id.startsWith('glibc:') && options.libcDirs?.length === 1 ? { libc: options.libcDirs[0] as string } : {}),
          fixtures: one.harness.fixtures, entry: r, trace: seen.trace, world: seen.world,
        });
      };
      await runCaseOn(c, one, { check, worlds: imageWorlds, limits, emit, ...(options.signal === undefined ? {} : { signal: options.signal }) });
      if (results.length === before && options.signal?.aborted !== true) results.push(errorEntry(c, active.loader.id, profile, 'the run gave no verdict'));
    }
    return { index, mutation: text, edits: mutation, size, classification: classification ?? { kind: 'none', clause: null, detail: '' }, results: results.map(slim) };
  };

  const images: FuzzImageResult[] = [];
  await runPool(plan, options.jobs ?? defaultJobs(), async (p) => {
    const done = await runImage(p);
    images.push(done);
    events.onImage?.(done);
  }, (p, error) => {
    const c = fuzzCase(options.seed, p.index, profile, describeMutation(p.mutation));
    const reason = `the harness failed on this image: ${error instanceof Error ? error.message : String(error)}`;
    const done: FuzzImageResult = {
      index: p.index, mutation: describeMutation(p.mutation), edits: p.mutation, size: 0, classification: { kind: 'none', clause: null, detail: '' },
      results: loaders.map((l) => slim(errorEntry(c, l, profile, reason))),
    };
    images.push(done);
    events.onImage?.(done);
  }, options.signal);
  images.sort((a, b) => a.index - b.index);
  return { seed: options.seed, profile, loaders, images, problems, ms: performance.now() - started, interrupted: options.signal?.aborted === true, kept };
}
