/**
 * Per-loader expectations: conformance/expectations/<loader>.yaml (`glibc-<dir name>.yaml` for a
 * `--libc` build directory) lists the failures known for that loader, each with the divergence
 * it fails with and why. Reading one validates every entry against the schema and against the
 * cases on disk; every problem is a value naming the file and the entry.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isProfileId } from '../../model/world/profile.js';
import type { ProfileId } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { DivergenceKind } from '../oracle/types.js';

/** Where the expectation files live, relative to the repository root. */
export const EXPECTATIONS_DIR = 'conformance/expectations';

/** The classes a `why` starts with. */
export const WHY_CLASSES = ['impl-bug', 'spec-bug', 'allowed-variance'] as const;

/** Every divergence kind an entry may name. */
export const DIVERGENCE_KINDS: readonly DivergenceKind[] = ['value-not-error', 'error-not-value', 'wrong-error', 'wrong-value', 'wrong-handle',
  'wrong-events', 'wrong-premap', 'source-buffer-changed', 'wrong-layout', 'unexpected-signal', 'hang'];

/** One expected failure. */
export interface Expectation {
  /** The case id. */
  readonly case: string;
  /** The profile; absent: every profile of the case. */
  readonly profile?: ProfileId;
  /** The expected verdict (FAIL is the only one). */
  readonly expect: 'FAIL';
  /** The divergence kind it fails with. */
  readonly kind: DivergenceKind;
  /** The step it diverges at. */
  readonly step: number;
  /** Why, starting with its class: `impl-bug: …`, `spec-bug: …` or `allowed-variance: …`. */
  readonly why: string;
  /** The file it came from, relative to the repository root. */
  readonly file: string;
}

/** The expectations of one loader, and the problems of its file. */
export interface LoaderExpectations {
  /** The loader id. */
  readonly loader: string;
  /** The file, relative to the repository root (whether or not it exists). */
  readonly file: string;
  /** The valid entries. */
  readonly entries: readonly Expectation[];
  /** What is wrong in the file, each naming the entry. */
  readonly problems: readonly string[];
}

/** The file name for loader `id`: `host-glibc.yaml`, `glibc-<basename>.yaml` for `glibc:<basename>` (or `glibc:<basename>~2`). */
export function expectationsFileName(id: string): string {
  return id.startsWith('glibc:') ? `glibc-${id.slice('glibc:'.length).replace(/~\d+$/, '')}.yaml` : `${id}.yaml`;
}

const KEYS = new Set(['case', 'profile', 'expect', 'kind', 'step', 'why']);

/** Validates one entry; returns it or its problems. */
function entryOf(raw: unknown, file: string, cases: ReadonlyMap<string, CaseDef>): Expectation | string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['an entry is a map'];
  const e = raw as Record<string, unknown>;
  const problems = Object.keys(e).filter((k) => !KEYS.has(k)).map((k) => `unknown key '${k}'`);
  const id = e['case'];
  const c = typeof id === 'string' ? cases.get(id) : undefined;
  if (typeof id !== 'string') problems.push('case must be a case id');
  else if (c === undefined) problems.push(`no case '${id}' exists`);
  const profile = e['profile'];
  if (profile !== undefined && (typeof profile !== 'string' || !isProfileId(profile))) problems.push(`profile ${JSON.stringify(profile)} is not a profile`);
  else if (typeof profile === 'string' && c !== undefined && !c.profiles.includes(profile as ProfileId)) problems.push(`case '${c.id}' does not run in profile ${profile}`);
  if (e['expect'] !== 'FAIL') problems.push(`expect must be FAIL, not ${JSON.stringify(e['expect'])}`);
  if (!(DIVERGENCE_KINDS as readonly unknown[]).includes(e['kind'])) problems.push(`kind ${JSON.stringify(e['kind'])} is not a divergence kind (${DIVERGENCE_KINDS.join(', ')})`);
  const step = e['step'];
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 1) problems.push('step must be a step number (1 or more)');
  const why = e['why'];
  if (typeof why !== 'string' || !WHY_CLASSES.some((k) => why.startsWith(`${k}:`) && why.length > k.length + 2)) {
    problems.push(`why must say why, starting with ${WHY_CLASSES.map((k) => `'${k}:'`).join(', ')}`);
  }
  if (problems.length > 0) return problems;
  return { case: id as string, ...(profile === undefined ? {} : { profile: profile as ProfileId }), expect: 'FAIL', kind: e['kind'] as DivergenceKind, step: step as number, why: why as string, file };
}

/** Parses the text of an expectations file (`file` is its root-relative path) against the known cases. */
export function parseExpectations(loader: string, file: string, text: string, cases: ReadonlyMap<string, CaseDef>): LoaderExpectations {
  let data: unknown;
  try { data = parse(text); } catch (error) {
    return { loader, file, entries: [], problems: [`${file}: not YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (data === null || data === undefined) return { loader, file, entries: [], problems: [] };
  if (!Array.isArray(data)) return { loader, file, entries: [], problems: [`${file}: an expectations file is a YAML list of entries`] };
  const entries: Expectation[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  data.forEach((raw, i) => {
    const e = entryOf(raw, file, cases);
    const name = `${file}: entry ${i + 1}${typeof (raw as { case?: unknown } | null)?.case === 'string' ? ` (${(raw as { case: string }).case})` : ''}`;
    if (Array.isArray(e)) { for (const p of e) problems.push(`${name}: ${p}`); return; }
    const key = `${e.case}|${e.profile ?? '*'}`;
    if (seen.has(key)) problems.push(`${name}: a second entry for ${e.case} in ${e.profile ?? 'every profile'}`);
    else { seen.add(key); entries.push(e); }
  });
  return { loader, file, entries, problems };
}

/** Reads the expectations of loader `id` under `root` (none when its file does not exist). */
export function loadExpectations(root: string, id: string, cases: ReadonlyMap<string, CaseDef>): LoaderExpectations {
  const file = `${EXPECTATIONS_DIR}/${expectationsFileName(id)}`;
  const path = join(root, file);
  if (!existsSync(path)) return { loader: id, file, entries: [], problems: [] };
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (error) {
    return { loader: id, file, entries: [], problems: [`${file}: cannot read: ${(error as Error).message}`] };
  }
  return parseExpectations(id, file, text, cases);
}
