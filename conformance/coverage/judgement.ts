/**
 * Judged coverage: every case run through the model (no observation), in every profile it lists,
 * over the fixtures as the host compiler builds them. A clause is
 * - cited by the model when some outcome the model returns cites it, or a requirement derived
 *   from one does, or the model satisfies it by construction (model/scope.ts),
 * - judged when some requirement the oracle derives from those outcomes cites it: a requirement
 *   is what the oracle evaluates against an observation (conformance/oracle/requirements),
 * - cited by a case when a case's front matter lists it.
 * None of it comes from reading text for clause IDs.
 *
 * @module
 */
import type { Judgement } from '../../spec/checks/context.js';
import { stateKey } from '../../model/script/explore.js';
import { BY_CONSTRUCTION } from '../../model/scope.js';
import { initialState } from '../../model/state/initial.js';
import { step } from '../../model/step.js';
import type { ModelState } from '../../model/types/state.js';
import type { ProfileId, World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import { loadCases } from '../case-file/discover.js';
import { HOST_LIB_DIR } from '../loaders/host.js';
import { systemLibraries } from '../loaders/system.js';
import { EMPTY_BINDING } from '../oracle/binding.js';
import { requirementsOf } from '../oracle/requirements/derive.js';
import { buildHarness } from '../runner/harness.js';
import { worldFromFixtures } from '../world.js';

export type { Judgement } from '../../spec/checks/context.js';

/** The most states one exploration follows; a case that needs more is reported, not cut silently. */
const STATE_LIMIT = 4096;

/** What an exploration measured: the largest set of model states any step left live. */
export interface ExploreStats {
  /** The largest state set seen. */
  maxStates: number;
}

/** Explores `c` in `world`, adding the clauses its outcomes and requirements cite. */
export function exploreCase(c: Pick<CaseDef, 'id' | 'steps'>, world: World, model: Set<string>, judged: Set<string>, stats?: ExploreStats): string | undefined {
  let live: ModelState[] = [initialState()];
  for (const [i, call] of c.steps.entries()) {
    const next = new Map<string, ModelState>();
    for (const before of live) {
      let result: ReturnType<typeof step>;
      try {
        result = step(before, call, world);
      } catch (e) {
        return `${c.id} [${world.profile.id}] step ${i + 1}: the model cannot run it: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (result.kind === 'unsupported') return undefined;
      for (const outcome of result.outcomes) {
        for (const cite of outcome.cites) model.add(cite);
        for (const r of requirementsOf(call, { outcome, before, binding: EMPTY_BINDING }, world)) {
          for (const cl of r.clauses) { judged.add(cl); model.add(cl); }
        }
        const state = outcome.error.kind === 'error' ? { ...outcome.next, dlerror: null } : outcome.next;
        next.set(stateKey(state), state);
      }
    }
    live = [...next.values()];
    if (stats !== undefined) stats.maxStates = Math.max(stats.maxStates, live.length);
    if (live.length > STATE_LIMIT) return `${c.id} [${world.profile.id}] step ${i + 1}: ${live.length} states, more than the ${STATE_LIMIT} explored`;
  }
  return undefined;
}

/** Judged coverage of the cases at `root` (fixtures built with cc into `cacheRoot`'s cache). */
export async function computeJudgement(root: string, cacheRoot?: string, stats?: ExploreStats): Promise<Judgement | { readonly problem: string }> {
  const cases = loadCases(root).flatMap((r) => (r.ok ? [r.case] : []));
  const model = new Set<string>(BY_CONSTRUCTION.map((b) => b.clause));
  const judged = new Set<string>();
  const cited = new Set<string>(cases.flatMap((c) => c.clauses));
  if (cases.length === 0) return { model, judged, cited, problems: [] };
  const harness = await buildHarness('cc', cacheRoot);
  if ('problem' in harness) return { problem: harness.problem };
  const system = systemLibraries(harness.fixtures, [HOST_LIB_DIR]);
  const worlds = new Map<ProfileId, World>();
  const problems: string[] = [];
  for (const c of cases) {
    for (const profile of c.profiles) {
      let world = worlds.get(profile);
      if (world === undefined) { world = worldFromFixtures(harness.fixtures, profile, system, 4096); worlds.set(profile, world); }
      const p = exploreCase(c, world, model, judged, stats);
      if (p !== undefined) problems.push(p);
    }
  }
  return { model, judged, cited, problems };
}

