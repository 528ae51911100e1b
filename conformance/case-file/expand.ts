/**
 * Expanding a case over its dimensions (case-file/dimensions.ts): one case per combination the
 * case can take, the one equal to the case as written keeping its id.
 *
 * @module
 */
import type { CaseDef } from './case.js';
import { combinations, variantSteps, variantSuffix } from './dimensions.js';

/** The variants of `c` (just `c` when it declares no dimensions). */
export function expandCase(c: CaseDef): readonly CaseDef[] {
  if (c.dimensions === undefined) return [c];
  const out: CaseDef[] = [];
  for (const values of combinations(c.dimensions)) {
    const steps = variantSteps(c.steps, values);
    if (steps === undefined) continue;
    const suffix = variantSuffix(c.steps, values);
    out.push(suffix === '' ? c : { ...c, id: `${c.id}${suffix}`, steps, variant: { values, of: c.id } });
  }
  if (!out.includes(c)) out.unshift(c);
  return out;
}
