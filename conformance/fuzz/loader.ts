/**
 * The fuzzer's loader: one real loader set up as a conformance run sets it up, the model's world
 * for it, and a function that runs one case on it and gives its result.
 *
 * @module
 */
import type { Call } from '../../model/types/calls.js';
import type { ProfileId, World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import { checkTrace } from '../oracle/check.js';
import type { ResultEntry } from '../report/types.js';
import { limitsFor } from '../runner/limits.js';
import { runCaseOn } from '../runner/run-case.js';
import { type ActiveLoader, setUpLoaders } from '../runner/setup.js';
import { WorldCache } from '../runner/worlds.js';

/** A loader ready for the fuzzer. */
export interface FuzzLoader {
  /** The loader as set up. */
  readonly active: ActiveLoader;
  /** The model's world for it in the fuzzed profile. */
  readonly world: World;
  /** Whether the loader can make `call` (its APIs, and what the memfd layer can pass). */
  readonly allows: (call: Call) => boolean;
  /** Runs one case on it; the result in the case's profile. */
  readonly run: (c: CaseDef) => Promise<ResultEntry>;
}

/** The profile a loader is fuzzed in by default: its proposal as on the public branch. */
export function defaultProfile(active: ActiveLoader): ProfileId {
  if (active.hello.apis.dlrelocate) return 'norelocate-branch';
  return active.hello.apis.dlmem && active.hello.compat === undefined ? 'dlmem-branch' : 'dlmem-v9';
}

/** What a loader with these APIs can be asked (the others would only give UNSUPPORTED). */
function allowsFor(active: ActiveLoader): (call: Call) => boolean {
  const { apis, compat } = active.hello;
  return (call) => {
    if (['dlmem', 'fdlopen', 'dlopen-with-offset'].includes(call.type) && !apis.dlmem) return false;
    // The memfd layer passes neither dlm_args' flags and premap nor a namespace.
    if (call.type === 'dlmem' && compat !== undefined && call.args !== null && (call.args.premap !== undefined || call.args.flags !== undefined || call.args.nsid !== undefined)) return false;
    if ((call.type === 'dlrelocate' || call.type === 'copy-object') && !apis.dlrelocate) return false;
    if (call.type === 'dlset-object-base' && !apis.dlset_object_base) return false;
    if ('mode' in call && call.mode.flags.includes('RTLD_NORELOCATE') && !apis.dlrelocate) return false;
    const namespaced = call.type === 'dlmopen' || (call.type === 'dlinfo' && call.request === 'RTLD_DI_LMID');
    return !namespaced || apis.dlmopen;
  };
}

/** Sets up loader `id` (a `--libc` directory among `libcDirs`), or says why it cannot be. */
export async function fuzzLoader(root: string, id: string, libcDirs: readonly string[], profile: ProfileId | undefined, timeoutMs?: number):
  Promise<{ readonly loader: FuzzLoader; readonly profile: ProfileId } | { readonly problem: string }> {
  const limits = limitsFor(timeoutMs);
  const problems: string[] = [];
  const setup = await setUpLoaders({ root, check: checkTrace, loaders: [id], libcDirs }, limits, true, (m) => problems.push(m));
  const active = setup.active.find((a) => a.loader.id === id) ?? (setup.active.length === 1 ? setup.active[0] : undefined);
  if (active === undefined) return { problem: problems.join('; ') || `no loader ${id}` };
  const chosen = profile ?? defaultProfile(active);
  const worlds = new WorldCache();
  const world = worlds.get(active.loader.id, chosen, active.harness.fixtures, active.loader.systemLibraries, active.hello.pagesize);
  if ('error' in world) return { problem: world.error };
  const run = async (c: CaseDef): Promise<ResultEntry> => {
    const results: ResultEntry[] = [];
    await runCaseOn(c, active, { check: checkTrace, worlds, limits, emit: (r) => results.push(r) });
    const result = results.find((r) => r.profile === chosen) ?? results[0];
    if (result === undefined) throw new Error(`no result for ${c.id} on ${active.loader.id}`);
    return result;
  };
  return { loader: { active, world, allows: allowsFor(active), run }, profile: chosen };
}
