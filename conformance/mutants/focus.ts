/**
 * Which cases a mutant runs: those that can convict it. A FAIL names a clause only when a
 * requirement citing it was judged, so a mutant of clause X is run on the cases that list X or in
 * which an unmutated loader's run judged X (in any profile); the rest would only repeat the base
 * loader's verdicts. A focused mutation run costs the base run plus, per mutant, its focus; the
 * exhaustive run (every case on every mutant) is `dlspec mutants --all-cases`.
 *
 * @module
 */
import type { CaseDef } from '../case-file/case.js';
import type { ResultEntry } from '../report/types.js';
import { doneKey } from '../runner/run.js';
import { mutantLoaderId, type Mutant } from './catalogue.js';

/** The ids of the cases each clause can be convicted in: listed by the case, or judged on a base loader. */
export function casesJudging(cases: readonly CaseDef[], baseResults: readonly ResultEntry[]): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  const add = (clause: string, caseId: string): void => {
    const set = out.get(clause) ?? new Set<string>();
    set.add(caseId);
    out.set(clause, set);
  };
  for (const c of cases) for (const clause of c.clauses) add(clause, c.id);
  for (const r of baseResults) for (const clause of Object.keys(r.judged ?? {})) add(clause, r.case);
  return out;
}

/**
 * The runs a focused mutation run skips, as RunOptions.done keys: every case on the base loaders
 * (already run), and on each mutant loader the cases outside its focus.
 */
export function outsideFocus(cases: readonly CaseDef[], bases: readonly string[], mutants: readonly Mutant[], judging: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const skip = new Set<string>();
  for (const c of cases) {
    for (const base of bases) {
      skip.add(doneKey(c.id, base));
      for (const m of mutants) if (judging.get(m.clause)?.has(c.id) !== true) skip.add(doneKey(c.id, mutantLoaderId(base, m)));
    }
  }
  return skip;
}
