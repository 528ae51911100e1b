/**
 * Saving what the fuzzer found: one case per divergence group under conformance/cases/found/,
 * named after the loader, the divergence and its signature, unless a case found earlier already
 * has that loader and signature.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseDef } from '../case-file/case.js';
import { CASES_DIR, loadCases } from '../case-file/discover.js';
import { caseText } from './case.js';
import type { DivergenceGroup } from './run.js';

/** The folder below conformance/cases that found cases live in. */
export const FOUND_DIR = 'found';

/** A kebab-case word of `text`. */
function kebab(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The id a group's case gets: `found/<loader>-<divergence>-<call>-<hash of the signature>`. */
export function foundId(loader: string, group: Pick<DivergenceGroup, 'signature' | 'result' | 'case'>): string {
  const d = group.result.divergence;
  const call = d === undefined ? 'error' : (group.case.steps[d.step - 1]?.type ?? 'exit');
  const hash = createHash('sha256').update(`${loader}\u0000${group.signature}`).digest('hex').slice(0, 8);
  return `${FOUND_DIR}/${kebab(loader)}-${kebab(d?.kind ?? 'error')}-${kebab(call)}-${hash}`;
}

/** The description of a group's case. */
function describe(loader: string, g: DivergenceGroup): string {
  const d = g.result.divergence;
  const what = d === undefined ? `ERROR (${g.result.reason ?? 'no reason'})` : `${d.kind} at step ${d.step} (${d.call}), breaking ${d.violated.join(', ') || 'no named clause'}`;
  return `Found by dlspec fuzz on ${loader} (seed ${g.seed}, ${g.count} generated sequence${g.count === 1 ? '' : 's'}): ${what}. ${g.case.description}.`;
}

/** Saves every group that has no case yet; returns the cases written. */
export function saveGroups(root: string, loader: string, groups: readonly DivergenceGroup[]): readonly CaseDef[] {
  const known = new Set(loadCases(root, `${FOUND_DIR}/**`).flatMap((r) => (r.ok && r.case.found !== undefined ? [`${r.case.found.loader}\u0000${r.case.found.signature}`] : [])));
  const written: CaseDef[] = [];
  mkdirSync(join(root, CASES_DIR, FOUND_DIR), { recursive: true });
  for (const g of groups) {
    if (known.has(`${loader}\u0000${g.signature}`)) continue;
    const id = foundId(loader, g);
    const file = `${CASES_DIR}/${id}.case.yaml`;
    if (existsSync(join(root, file))) continue;
    const c: CaseDef = { ...g.case, id, file, description: describe(loader, g) };
    writeFileSync(join(root, file), caseText(c));
    written.push(c);
  }
  return written;
}
