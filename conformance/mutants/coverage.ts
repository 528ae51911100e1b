/**
 * Which clauses the mutants reach: the deliverable "every normative clause a process can observe
 * has at least one mutant on some loader", measured on a run. The targets are the normative,
 * observable clauses that bind the loader (not the caller) and that some case judged PASS on an
 * unmutated loader of the run: a clause no base loader passes has nothing for a mutant to break
 * (a profile the run's loaders are not judged under, or a clause the loader already fails).
 *
 * @module
 */
import { CLAUSE_FACTS, type ClauseId } from '../../spec/clause-ids.gen.js';
import type { ResultEntry } from '../report/types.js';
import type { Mutant } from './catalogue.js';
import type { MatrixRow } from './matrix.js';

/** How far the mutants of a run reach over its target clauses. */
export interface ClauseReach {
  /** Normative, observable, loader-bound clauses judged PASS on some base loader of the run. */
  readonly targets: readonly ClauseId[];
  /** Targets with a mutant killed for them on some loader. */
  readonly killed: readonly ClauseId[];
  /** Targets with mutants in the run, none killed for them. */
  readonly notKilled: readonly ClauseId[];
  /** Targets no mutant of the run departs from. */
  readonly noMutant: readonly ClauseId[];
}

/** The clauses a result judged PASS. */
function passed(r: ResultEntry): ClauseId[] {
  return Object.entries(r.judged ?? {}).filter(([, j]) => j === 'PASS').map(([c]) => c as ClauseId);
}

/** The reach of `mutants` (their matrix `rows`) over the clauses the base loaders' `results` passed. */
export function clauseReach(mutants: readonly Mutant[], bases: readonly string[], results: readonly ResultEntry[], rows: readonly MatrixRow[]): ClauseReach {
  const onBase = results.filter((r) => bases.includes(r.loader));
  const pass = new Set(onBase.flatMap(passed));
  const targets = (Object.keys(CLAUSE_FACTS) as ClauseId[]).filter((c) => {
    const f = CLAUSE_FACTS[c];
    return f.status === 'normative' && f.observable && !f.callerRequirement && pass.has(c);
  });
  const killed = new Set(rows.filter((r) => r.fate === 'killed').map((r) => r.clause));
  const mutated = new Set(mutants.filter((m) => m.allowed === undefined).map((m) => m.clause));
  return {
    targets,
    killed: targets.filter((c) => killed.has(c)),
    notKilled: targets.filter((c) => !killed.has(c) && mutated.has(c)),
    noMutant: targets.filter((c) => !mutated.has(c)),
  };
}
