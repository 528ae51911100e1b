/**
 * Case files: `conformance/cases/<api>/<condition>.case.yaml`, front matter (id, description,
 * clauses, features, profiles) and the steps, in the model's script format. Loading validates
 * everything (the steps against the model's call schema) and returns problems as values; each
 * problem is one line that starts with the file's path, and for a step names the step number,
 * its call type and the key: `conformance/cases/x/y.case.yaml: step 3 (dlsym): unknown key "handel" …`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isClauseId, type ClauseId } from '../../spec/clause-ids.gen.js';
import { formatScriptProblem, parseSteps } from '../../model/script/parse.js';
import type { Call } from '../../model/types/calls.js';
import { isProfileId } from '../../model/world/profile.js';
import type { ProfileId } from '../../model/world/world.js';
import { type Dimensions, type Variant, parseDimensions } from './dimensions.js';

/**
 * The controlled vocabulary of `features`: one flag per proposal, `without-rtld-norelocate` for
 * cases about loaders that do not implement RTLD_NORELOCATE, and `namespaces` for cases that need
 * dlmopen and namespace ids (musl has none).
 */
export const FEATURES = ['dlmem', 'rtld-norelocate', 'baseline', 'without-rtld-norelocate', 'namespaces'] as const;

/** One of {@link FEATURES}. */
export type Feature = (typeof FEATURES)[number];

/** A loaded case. */
export interface CaseDef {
  /** Stable id: `<api>/<condition>`, the path below conformance/cases without `.case.yaml`. */
  readonly id: string;
  /** One line saying what it checks. */
  readonly description: string;
  /** The clauses it covers. */
  readonly clauses: readonly ClauseId[];
  /** The proposals it needs. */
  readonly features: readonly Feature[];
  /** The profiles it runs in. */
  readonly profiles: readonly ProfileId[];
  /** The steps. */
  readonly steps: readonly Call[];
  /** The file it came from, relative to the repository root. */
  readonly file: string;
  /** The parameters it is generic over (case-file/dimensions.ts); absent: none. */
  readonly dimensions?: Dimensions;
  /** For a variant of an expanded case: its value of each dimension, and the id of the case as written. */
  readonly variant?: { readonly values: Variant; readonly of: string };
  /** For a case `dlspec fuzz` found: where. */
  readonly found?: FoundOrigin;
}

/** Where `dlspec fuzz` found a case: the generator's seed and path, the loader and what diverged. */
export interface FoundOrigin {
  /** fast-check's seed. */
  readonly seed: number;
  /** fast-check's path to the shrunk counterexample (replays it with the seed). */
  readonly path: string;
  /** The loader it diverged on. */
  readonly loader: string;
  /** The divergence's signature: its kind, the call type and the clauses it broke. */
  readonly signature: string;
}

/** A case or the problems of its file (each a line starting with `file: `). */
export type CaseResult =
  | { readonly ok: true; readonly case: CaseDef }
  | { readonly ok: false; readonly file: string; readonly problems: readonly string[] };

/** The problems of `file`, each prefixed with the file's path. */
function failed(file: string, problems: readonly string[]): CaseResult {
  return { ok: false, file, problems: problems.map((p) => `${file}: ${p}`) };
}

/** How a case file is checked. */
export interface CaseOptions {
  /** Which clause IDs exist; default: those of the registry's generated `spec/clause-ids.gen.ts`. */
  readonly isClause?: (id: string) => boolean;
}

const KEYS = new Set(['id', 'description', 'clauses', 'features', 'profiles', 'steps', 'dimensions', 'found']);

function list(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** Parses a case's `found` map: the origin, nothing when absent, or the problem. */
function parseFound(raw: unknown): FoundOrigin | string | undefined {
  if (raw === undefined) return undefined;
  const f = raw as Record<string, unknown>;
  const ok = typeof raw === 'object' && raw !== null && Number.isInteger(f['seed']) && typeof f['path'] === 'string'
    && typeof f['loader'] === 'string' && typeof f['signature'] === 'string' && Object.keys(f).length === 4;
  return ok ? { seed: f['seed'] as number, path: f['path'] as string, loader: f['loader'] as string, signature: f['signature'] as string }
    : 'found must be a map of seed (an integer), path, loader and signature (strings)';
}

/** Parses the text of a case file; `file` is its path relative to the repository root. */
export function parseCase(file: string, text: string, options: CaseOptions = {}): CaseResult {
  const isClause = options.isClause ?? isClauseId;
  let data: unknown;
  try { data = parse(text); } catch (error) {
    return failed(file, [`not YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return failed(file, ['a case is a YAML map']);
  const d = data as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(d)) if (!KEYS.has(key)) problems.push(`unknown key '${key}'`);
  const expectedId = file.replace(/^conformance\/cases\//, '').replace(/\.case\.yaml$/, '');
  if (d['id'] !== expectedId) problems.push(`id must be '${expectedId}' (the path below conformance/cases), not ${JSON.stringify(d['id'])}`);
  if (typeof d['description'] !== 'string' || d['description'].length === 0) problems.push('description must be a non-empty string');
  const clauses = list(d['clauses']) ?? [];
  if (clauses.length === 0) problems.push('clauses must list at least one clause ID');
  for (const c of clauses) if (typeof c !== 'string' || !isClause(c)) problems.push(`clauses: ${JSON.stringify(c)} is not a clause ID of the registry`);
  const features = list(d['features']) ?? [];
  for (const f of features) if (!(FEATURES as readonly unknown[]).includes(f)) problems.push(`features: ${JSON.stringify(f)} is not one of ${FEATURES.join(', ')}`);
  const profiles = list(d['profiles']) ?? [];
  if (profiles.length === 0) problems.push('profiles must list at least one profile');
  for (const p of profiles) if (typeof p !== 'string' || !isProfileId(p)) problems.push(`profiles: ${JSON.stringify(p)} is not a profile`);
  const steps = parseSteps(d['steps']);
  if (!steps.ok) problems.push(...steps.problems.map(formatScriptProblem));
  const found = parseFound(d['found']);
  if (typeof found === 'string') problems.push(found);
  const dims = parseDimensions(d['dimensions']);
  if ('problems' in dims) problems.push(...dims.problems);
  if (problems.length > 0 || !steps.ok) return failed(file, problems);
  return {
    ok: true,
    case: {
      id: expectedId, description: d['description'] as string, clauses: clauses as ClauseId[],
      features: features as Feature[], profiles: profiles as ProfileId[], steps: steps.calls, file,
      ...('dimensions' in dims && Object.keys(dims.dimensions).length > 0 ? { dimensions: dims.dimensions } : {}),
      ...(found === undefined || typeof found === 'string' ? {} : { found }),
    },
  };
}

/** Reads and parses one case file (`root`-relative `file`). */
export function loadCase(root: string, file: string, options: CaseOptions = {}): CaseResult {
  let text: string;
  try { text = readFileSync(`${root}/${file}`, 'utf8'); } catch (error) {
    return failed(file, [`cannot read: ${(error as Error).message}`]);
  }
  return parseCase(file, text, options);
}
