/**
 * The conformance cases, checked against the model: every case file loads, every case runs through
 * the model in every profile it lists without an unsupported step, a dead end, a broken invariant
 * or a script error, and together the cases cite every observable clause of the registry.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import { CLAUSE_FACTS, CLAUSE_IDS, type ClauseId } from '../../spec/clause-ids.gen.js';
import { explore } from '../../model/script/explore.js';
import { initialState } from '../../model/state/initial.js';
import type { ProfileId } from '../../model/world/world.js';
import { buildFixtures, findCompilers, type FixtureSet } from '../build/index.js';
import { type CaseDef, FEATURES } from '../case-file/case.js';
import { CASES_DIR, loadCases } from '../case-file/discover.js';
import { worldFromFixtures, type SystemLibraries } from '../world.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The host's system libraries. The dynamic linker is read as well as libc: the tls fixture needs
 * __tls_get_addr, which only ld-linux-x86-64.so.2 defines (libc.so.6 merely references it), so a
 * world without it predicts that tls cannot be loaded. conformance/loaders/system.ts closes over
 * libc's own DT_NEEDED in the same way.
 */
const SYSTEM: SystemLibraries = {
  names: new Set(['libc.so.6', 'ld-linux-x86-64.so.2']),
  paths: ['/lib/x86_64-linux-gnu/libc.so.6', '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'],
};

/**
 * Clauses a case cites outside the clause's own profiles, because no profile can express the
 * scenario: noreloc.lifecycle.with-dlmem is in force only in the norelocate profiles, where dlmem
 * does not exist, so its closest case (RTLD_NORELOCATE in dlmem's mode) runs in the dlmem profiles.
 */
const CROSS_PROFILE: ReadonlyMap<string, ReadonlySet<ClauseId>> = new Map([
  ['dlmem/mode-norelocate-bit', new Set<ClauseId>(['noreloc.lifecycle.with-dlmem'])],
]);

const results = loadCases(ROOT);
const cases: readonly CaseDef[] = results.flatMap((r) => (r.ok ? [r.case] : []));

describe('case files', () => {
  it('there are case files', () => {
    expect(results.length).toBeGreaterThan(0);
  });

  it('every case file loads without problems', () => {
    const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
    expect(problems).toEqual([]);
  });

  it('every case sits in a folder per API, with a kebab-case condition name', () => {
    // A variant adds its dimensions' values to the id of the case as written: `dlmem/x[source=heap]`.
    const bad = cases.filter((c) => !/^[a-z0-9-]+\/[a-z0-9]+(-[a-z0-9]+)*(\[[a-z]+=[a-z0-9-]+(,[a-z]+=[a-z0-9-]+)*\])?$/.test(c.id)).map((c) => c.id);
    expect(bad).toEqual([]);
    expect(cases.every((c) => c.file.startsWith(`${CASES_DIR}/`))).toBe(true);
  });

  it('every case names at least one feature and one step, and no clause twice', () => {
    const bad = cases.filter((c) => c.features.length === 0 || c.steps.length === 0 || new Set(c.clauses).size !== c.clauses.length);
    expect(bad.map((c) => c.id)).toEqual([]);
    expect(cases.flatMap((c) => c.features).every((f) => (FEATURES as readonly string[]).includes(f))).toBe(true);
  });

  it('every clause a case cites is in force in at least one profile the case lists', () => {
    const bad: string[] = [];
    for (const c of cases) {
      for (const clause of c.clauses) {
        if (CROSS_PROFILE.get(c.variant?.of ?? c.id)?.has(clause) === true) continue;
        const inForce = CLAUSE_FACTS[clause].profiles;
        if (!c.profiles.some((p) => inForce.includes(p))) bad.push(`${c.id}: ${clause} is in force in none of ${c.profiles.join(', ')}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every observable clause is cited by at least one case', () => {
    const cited = new Set(cases.flatMap((c) => c.clauses));
    const missing = CLAUSE_IDS.filter((id) => CLAUSE_FACTS[id].observable && !cited.has(id));
    expect(missing).toEqual([]);
  });
});

const haveCc = (await findCompilers()).includes('cc');

describe.skipIf(!haveCc)('cases against the model, over the built fixtures', () => {
  let fixtures: FixtureSet | undefined;
  const fixtureSet = async (): Promise<FixtureSet> => {
    if (fixtures !== undefined) return fixtures;
    const built = await buildFixtures({ cc: 'cc' });
    if (!built.ok) throw new Error(`fixtures do not build: ${JSON.stringify(built.errors)}`);
    fixtures = built;
    return built;
  };

  const runs = cases.flatMap((c) => c.profiles.map((profile) => [c.id, profile, c] as const));

  it.each(runs)('%s [%s]', async (_id: string, profile: ProfileId, c: CaseDef) => {
    const world = worldFromFixtures(await fixtureSet(), profile, SYSTEM);
    const steps = explore(world, initialState(), c.steps);
    const problems: string[] = [];
    steps.forEach((s, i) => {
      const n = i + 1;
      if (s.unsupported !== undefined) problems.push(`step ${n} (${s.call.type}) is unsupported: ${s.unsupported}`);
      if (s.broken.length > 0) problems.push(`step ${n} (${s.call.type}) breaks invariants: ${s.broken.join('; ')}`);
      if (n < c.steps.length && s.outcomes.length === 0) problems.push(`step ${n} (${s.call.type}) has no outcome`);
    });
    if (steps.length !== c.steps.length) problems.push(`the exploration stopped after ${steps.length} of ${c.steps.length} steps`);
    expect(problems).toEqual([]);
  }, 60_000);
});
