/**
 * Trace validation of every case: each case, in each profile it lists, run through the model over
 * the fixtures as the host compiler builds them, and each of its transitions checked against the
 * module of the profile's proposal (spec/tla/Dlmem.tla or Norelocate.tla).
 *
 * @module
 */
import { basename } from 'node:path';
import { tlaDefinitions } from '../../spec/checks/lib/tla-definitions.js';
import { type TlaModule, parseTlaModules } from '../../spec/checks/lib/tla.js';
import { type TlaSpec, buildSpec } from '../../spec/tlacheck/module.js';
import type { ProfileId, World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import { loadCases } from '../case-file/discover.js';
import { HOST_LIB_DIR } from '../loaders/host.js';
import { systemLibraries } from '../loaders/system.js';
import { buildHarness } from '../runner/harness.js';
import { worldFromFixtures } from '../world.js';
import type { TraceModule } from './abstraction.js';
import { moduleOf } from './constants.js';
import { caseTransitions } from './transitions.js';
import { type Validation, validate } from './validate.js';

/** What validating one case in one profile found. */
export interface CaseValidation extends Validation {
  /** The case id (a variant's id for an expanded case). */
  readonly caseId: string;
  /** The case file. */
  readonly file: string;
  /** The profile. */
  readonly profile: ProfileId;
  /** The module it was checked against. */
  readonly module: TraceModule;
  /** Why the model stopped early, if it did (a script error). */
  readonly problem: string | undefined;
}

/** The specs and action tags trace validation checks against. */
export interface TraceSpecs {
  /** Each module's spec. */
  readonly specs: ReadonlyMap<TraceModule, TlaSpec>;
  /** Each action's clause tags (its `\* @clauses` comment), by definition name. */
  readonly tags: ReadonlyMap<string, readonly string[]>;
  /** The modules' texts, joined: what a validation was made against. */
  readonly key: string;
}

/**
 * The specs of the trace modules among `modules` (a repository without one validates no trace
 * of its proposal), or why one cannot be built.
 */
export function traceSpecs(modules: readonly TlaModule[]): TraceSpecs | { readonly problem: string } {
  const specs = new Map<TraceModule, TlaSpec>();
  for (const name of ['Dlmem', 'Norelocate'] as const) {
    if (!modules.some((m) => basename(m.file, '.tla') === name)) continue;
    const built = buildSpec(modules, name);
    if (!built.ok) return { problem: built.error };
    specs.set(name, built.spec);
  }
  const tags = new Map(modules.flatMap(tlaDefinitions).map((d) => [d.name, d.tags ?? []] as const));
  return { specs, tags, key: modules.map((m) => m.text).join('\u0000') };
}

/** Validations already made in this process, by the module texts and the case: a repeated run costs nothing. */
const done = new Map<string, CaseValidation>();

/** Validates `c` in every profile it lists whose module there is; `worldOf` gives the world of a profile. */
export function validateCase(c: Pick<CaseDef, 'id' | 'file' | 'steps' | 'profiles'>, specs: TraceSpecs, worldOf: (p: ProfileId) => World): CaseValidation[] {
  return c.profiles.filter((p) => specs.specs.has(moduleOf(worldOf(p)))).map((profile) => {
    const key = `${specs.key}|${profile}|${c.id}|${JSON.stringify(c.steps)}`;
    const known = done.get(key);
    if (known !== undefined) return known;
    const world = worldOf(profile);
    const module = moduleOf(world);
    const spec = specs.specs.get(module) as TlaSpec;
    const { transitions, problem } = caseTransitions(c.steps, world);
    const result = { caseId: c.id, file: c.file, profile, module, problem, ...validate(spec, module, world, transitions, specs.tags) };
    done.set(key, result);
    return result;
  });
}

/**
 * Validates every case at `root` whose id matches `glob` (default: all), over the fixtures the
 * host compiler builds (into `cacheRoot`'s cache), or says why it cannot.
 */
export async function validateCases(root: string, glob?: string, cacheRoot?: string): Promise<readonly CaseValidation[] | { readonly problem: string }> {
  const specs = traceSpecs(await parseTlaModules(root));
  if ('problem' in specs) return specs;
  if (specs.specs.size === 0) return [];
  const cases = loadCases(root, glob).flatMap((r) => (r.ok ? [r.case] : []));
  if (cases.length === 0) return [];
  const harness = await buildHarness('cc', cacheRoot);
  if ('problem' in harness) return { problem: `trace validation needs the fixtures built with cc: ${harness.problem}` };
  const system = systemLibraries(harness.fixtures, [HOST_LIB_DIR]);
  const worlds = new Map<ProfileId, World>();
  const worldOf = (profile: ProfileId): World => {
    let world = worlds.get(profile);
    if (world === undefined) { world = worldFromFixtures(harness.fixtures, profile, system, 4096); worlds.set(profile, world); }
    return world;
  };
  return cases.flatMap((c) => validateCase(c, specs, worldOf));
}
