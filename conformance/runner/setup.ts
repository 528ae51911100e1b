/**
 * Setting up the loaders of a run: decide which are selected, build the driver and fixtures for
 * the compilers they need, discover them, and probe each one. Every failure is a problem message;
 * the loaders that work go on.
 *
 * @module
 */
import { findCompilers, type CompilerName } from '../build/index.js';
import { findLoaders } from '../loaders/discover.js';
import { libcDirIds } from '../loaders/libc-dir.js';
import { MODEL_LOADER_ID } from '../loaders/model.js';
import type { Isolation, Loader } from '../loaders/types.js';
import type { HelloLine } from '../protocol.js';
import { DEFAULT_ISOLATION } from './execute.js';
import { buildHarness, type Harness } from './harness.js';
import type { Limits } from './limits.js';
import { probeLoader } from './probe.js';
import { KNOWN_LOADERS, neededCompilers, selection } from './select.js';
import type { ServerPool } from './servers.js';
import type { RunOptions } from './types.js';

/** A loader that passed its probe. */
export interface ActiveLoader {
  /** The loader. */
  readonly loader: Loader;
  /** Its driver and fixtures. */
  readonly harness: Harness;
  /** What the driver said under it. */
  readonly hello: HelloLine;
  /** How its cases' processes are made. */
  readonly isolation: Isolation;
}

/** The loaders of a run. */
export interface Setup {
  /** Whether the model is one of them. */
  readonly model: boolean;
  /** The real loaders that work. */
  readonly active: readonly ActiveLoader[];
  /** Every harness built, by compiler. */
  readonly harnesses: ReadonlyMap<CompilerName, Harness>;
  /** The discovered loaders, selected or not (the model borrows the host's system libraries). */
  readonly found: readonly Loader[];
  /** Problems, each naming what failed. */
  readonly problems: readonly string[];
}

/**
 * Sets up the loaders `options` select; `hasCases` says whether the model will need fixtures. Every
 * loader is probed as its cases will run (through `servers`, a fork server started under it or a
 * launcher), so that a server that cannot start there is a problem before any case runs.
 */
export async function setUpLoaders(options: RunOptions, limits: Limits, hasCases: boolean, report: (m: string) => void, servers?: ServerPool): Promise<Setup> {
  const problems: string[] = [];
  const problem = (m: string): void => { problems.push(m); report(m); };
  const sel = selection(options.loaders);
  const libcDirs = options.libcDirs ?? [];
  const libcIds = libcDirIds(libcDirs);
  const available = new Set(await findCompilers());
  const harnesses = new Map<CompilerName, Harness>();
  for (const cc of neededCompilers(sel, libcIds, hasCases)) {
    if (!available.has(cc)) {
      const explicit = (options.loaders ?? []).some((s) => Object.entries(KNOWN_LOADERS).some(([id, c]) => c === cc && s === id));
      if (cc === 'cc' || explicit) problem(`${cc} is not available: the loaders built with it cannot run`);
      continue;
    }
    const built = await buildHarness(cc, options.cacheRoot);
    if ('problem' in built) problem(built.problem);
    else harnesses.set(cc, built);
  }
  const fixtures = Object.fromEntries([...harnesses].map(([cc, h]) => [cc, h.fixtures]));
  const found = await findLoaders({
    fixtures, libcDirs,
    ...(options.hostLibDir === undefined ? {} : { hostLibDir: options.hostLibDir }),
  });
  const wantsFamily = (id: string): boolean => sel.wants(id) || sel.wants(`${id}+memfd`);
  for (const p of found.problems) if (wantsFamily(p.id) && (p.requested || (options.loaders ?? []).length > 0)) problem(p.message);
  const selected = found.loaders.filter((l) => sel.wants(l.id));
  const probed = await Promise.all(selected.map(async (loader) => {
    const harness = harnesses.get(loader.compiler) as Harness;
    const isolation: Isolation = options.isolation ?? DEFAULT_ISOLATION;
    const how = { ...(servers === undefined ? {} : { servers }), isolation };
    return { loader, harness, isolation, hello: await probeLoader(loader, harness.driver, limits, how) };
  }));
  const active: ActiveLoader[] = [];
  for (const p of probed) {
    if ('problem' in p.hello) problem(p.hello.problem);
    else active.push({ loader: p.loader, harness: p.harness, hello: p.hello, isolation: p.isolation });
  }
  const known = [MODEL_LOADER_ID, ...Object.keys(KNOWN_LOADERS), ...libcIds, ...found.loaders.map((l) => l.id)];
  for (const s of sel.unmatched(known)) problem(`--loader ${s} matches no loader (known: ${[...new Set(known)].join(', ')})`);
  return { model: sel.wants(MODEL_LOADER_ID), active, harnesses, found: found.loaders, problems };
}
