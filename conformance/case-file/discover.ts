/**
 * Finding the case files under conformance/cases, optionally filtered by a glob on their ids.
 *
 * @module
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CaseOptions, type CaseResult, loadCase } from './case.js';
import { expandCase } from './expand.js';

/** Where the cases live, relative to the repository root. */
export const CASES_DIR = 'conformance/cases';

/** Every `*.case.yaml` under the cases directory, root-relative, sorted. */
export function caseFiles(root: string): readonly string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try { names = readdirSync(join(root, dir)); } catch { return; }
    for (const name of names.sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (name.endsWith('.case.yaml')) out.push(rel);
    }
  };
  walk(CASES_DIR);
  return out;
}

/** A glob over case ids (`*` matches within a path segment, `**` across segments) as a RegExp. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Loads every case (or those whose id matches `glob`); malformed files come back as problems. */
export function loadCases(root: string, glob?: string, options: CaseOptions = {}): readonly CaseResult[] {
  const match = glob === undefined ? undefined : globToRegExp(glob);
  const base = (id: string): string => id.replace(/\[.*\]$/, '');
  return caseFiles(root).flatMap((file) => {
    const id = file.slice(CASES_DIR.length + 1).replace(/\.case\.yaml$/, '');
    if (match !== undefined && !match.test(id) && !(glob ?? '').startsWith(`${id}[`)) return [];
    const loaded = loadCase(root, file, options);
    if (!loaded.ok) return [loaded];
    // Every variant of a selected case; a glob naming one variant selects it alone.
    return expandCase(loaded.case).filter((c) => match === undefined || match.test(c.id) || match.test(base(c.id)))
      .map((c): CaseResult => ({ ok: true, case: c }));
  });
}
