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
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import { loadCases } from '../case-file/discover.js';
import { EMPTY_BINDING } from '../oracle/binding.js';
import { requirementsOf } from '../oracle/requirements/derive.js';
import { writtenVariant } from '../case-file/dimensions.js';
import { fixtureWorlds } from '../runner/fixture-worlds.js';

export type { Judgement } from '../../spec/checks/context.js';

/** The most states one exploration follows; a case that needs more is reported, not cut silently. */
const STATE_LIMIT = 4096;

/** What an exploration measured: the largest set of model states any step left live, and how many it reached. */
export interface ExploreStats {
  /** The largest state set seen. */
  maxStates: number;
  /** The distinct states every step left live, summed over every step of every case and profile. */
  states: number;
  /** Milliseconds the explorations took (not the loading and building before them). */
  ms: number;
}

/** Where explorations put what they find. */
export interface Collector {
  /** Clauses some outcome (or a requirement derived from one) cites. */
  readonly model: Set<string>;
  /** Clauses some requirement cites. */
  readonly judged: Set<string>;
  /** For each judged clause, the dlmem source kinds of the cases that judged it. */
  readonly sources: Map<string, Set<string>>;
  /** Judged clauses some case judges on a path through no outcome the spec leaves open (unspecified or undefined). */
  readonly alone: Set<string>;
  /** Measurements, when wanted. */
  readonly stats?: ExploreStats;
}

/** A new, empty collector. */
export function collector(stats?: ExploreStats): Collector {
  return { model: new Set(), judged: new Set(), sources: new Map(), alone: new Set(), ...(stats === undefined ? {} : { stats }) };
}

/** Explores `c` in `world`, adding what its outcomes and requirements cite to `into`. */
export function exploreCase(c: Pick<CaseDef, 'id' | 'steps'> & Partial<Pick<CaseDef, 'variant'>>, world: World, into: Collector): string | undefined {
  const source = c.variant?.values.source ?? writtenVariant(c.steps).source;
  // Each live state remembers whether the path to it went through an outcome the spec leaves open.
  let live: { state: ModelState; open: boolean }[] = [{ state: initialState(), open: false }];
  for (const [i, call] of c.steps.entries()) {
    const next = new Map<string, { state: ModelState; open: boolean }>();
    for (const { state: before, open } of live) {
      let result: ReturnType<typeof step>;
      try {
        result = step(before, call, world);
      } catch (e) {
        return `${c.id} [${world.profile.id}] step ${i + 1}: the model cannot run it: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (result.kind === 'unsupported') return undefined;
      for (const outcome of result.outcomes) {
        for (const cite of outcome.cites) into.model.add(cite);
        for (const r of requirementsOf(call, { outcome, before, binding: EMPTY_BINDING }, world)) {
          for (const cl of r.clauses) note(into, cl, source, open);
        }
        const state = outcome.error.kind === 'error' ? { ...outcome.next, dlerror: null } : outcome.next;
        const opened = open || outcome.firmness === 'unspecified' || outcome.firmness === 'undefined';
        next.set(`${opened ? 1 : 0}${stateKey(state)}`, { state, open: opened });
      }
    }
    live = [...next.values()];
    if (into.stats !== undefined) {
      into.stats.maxStates = Math.max(into.stats.maxStates, live.length);
      into.stats.states += live.length;
    }
    if (live.length > STATE_LIMIT) return `${c.id} [${world.profile.id}] step ${i + 1}: ${live.length} states, more than the ${STATE_LIMIT} explored`;
  }
  return undefined;
}

/** Records one judged clause: the source kind it was judged through, and whether the path to it rests on no open spot. */
function note(into: Collector, clause: string, source: string | undefined, open: boolean): void {
  into.judged.add(clause);
  into.model.add(clause);
  if (source !== undefined) {
    const kinds = into.sources.get(clause) ?? new Set<string>();
    kinds.add(source);
    into.sources.set(clause, kinds);
  }
  if (!open) into.alone.add(clause);
}

/** Judged coverage of the cases at `root` (fixtures built with cc into `cacheRoot`'s cache). */
export async function computeJudgement(root: string, cacheRoot?: string, stats?: ExploreStats): Promise<Judgement | { readonly problem: string }> {
  const cases = loadCases(root).flatMap((r) => (r.ok ? [r.case] : []));
  const into = collector(stats);
  for (const b of BY_CONSTRUCTION) into.model.add(b.clause);
  const cited = new Set<string>(cases.flatMap((c) => c.clauses));
  const done = (problems: readonly string[]): Judgement =>
    ({ model: into.model, judged: into.judged, cited, problems, sources: into.sources, alone: into.alone });
  if (cases.length === 0) return done([]);
  const worlds = await fixtureWorlds(cacheRoot);
  if ('problem' in worlds) return { problem: worlds.problem };
  const problems: string[] = [];
  const t0 = performance.now();
  for (const c of cases) {
    for (const profile of c.profiles) {
      const p = exploreCase(c, worlds.world(profile), into);
      if (p !== undefined) problems.push(p);
    }
  }
  if (stats !== undefined) stats.ms += performance.now() - t0;
  return done(problems);
}

