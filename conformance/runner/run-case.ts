/**
 * One case on one real loader: lower it once, run the driver once, and check the trace in every
 * profile the case lists (the observation does not depend on the profile; the verdicts do).
 *
 * @module
 */
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import { lowerCase } from '../lower/lower.js';
import { missingFeature } from '../oracle/check.js';
import type { ResultEntry } from '../report/types.js';
import { runDriver } from './execute.js';
import type { ServerPool } from './servers.js';
import type { Limits } from './limits.js';
import { entryOf, errorEntry, safeCheck } from './results.js';
import type { ActiveLoader } from './setup.js';
import type { CheckFn } from './types.js';
import type { WorldCache } from './worlds.js';

/** What running one case needs. */
export interface CaseContext {
  /** The oracle. */
  readonly check: CheckFn;
  /** The worlds (a {@link WorldCache}, or anything that answers the same way). */
  readonly worlds: Pick<WorldCache, 'get'>;
  /** Resource limits. */
  readonly limits: Limits;
  /** Where results go. */
  readonly emit: (result: ResultEntry) => void;
  /** The run's abort signal. */
  readonly signal?: AbortSignal;
  /** The run's servers: fork servers, and the launchers of exec'd cases. */
  readonly servers?: ServerPool;
}

/** Runs `c` on `active`, emitting one result per profile; an aborted run emits nothing. */
export async function runCaseOn(c: CaseDef, active: ActiveLoader, ctx: CaseContext): Promise<void> {
  const { loader, harness, hello } = active;
  const everyProfile = (reason: string, ms = 0): void => {
    for (const p of c.profiles) ctx.emit(errorEntry(c, loader.id, p, reason, ms));
  };
  const worldOf = (p: CaseDef['profiles'][number]): World | { readonly error: string } =>
    ctx.worlds.get(loader.id, p, harness.fixtures, loader.systemLibraries, hello.pagesize);
  const first = c.profiles[0];
  if (first === undefined) return;
  // A case whose proposal the loader lacks is UNSUPPORTED whatever the driver would observe: no
  // process is started for it (the oracle gives the same verdict to a trace that reaches it).
  const missing = missingFeature(c, hello);
  if (missing !== undefined) {
    for (const profile of c.profiles) ctx.emit(entryOf(c, loader.id, { kind: 'UNSUPPORTED', profile, reason: missing, gaps: [], steps: [] }, 0));
    return;
  }
  const lowerWorld = worldOf(first);
  if ('error' in lowerWorld) return everyProfile(lowerWorld.error);
  const lowered = lowerCase(c, harness.fixtures, lowerWorld, hello.pagesize);
  if ('error' in lowered) return everyProfile(`cannot lower the case for ${loader.id}: ${lowered.error}`);
  const how = {
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }), ...(ctx.servers === undefined ? {} : { servers: ctx.servers }), isolation: active.isolation,
  };
  const run = await runDriver(loader, harness.driver, lowered, ctx.limits, how);
  if ('error' in run) return everyProfile(`cannot run the driver on ${loader.id}: ${run.error}`);
  if (run.aborted) return;
  for (const profile of c.profiles) {
    const world = worldOf(profile);
    if ('error' in world) { ctx.emit(errorEntry(c, loader.id, profile, world.error, run.ms)); continue; }
    const t0 = performance.now();
    const verdict = safeCheck(() => ctx.check(c, world, run.trace), profile);
    ctx.emit(entryOf(c, loader.id, verdict, run.ms + performance.now() - t0));
  }
}
