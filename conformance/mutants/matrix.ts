/**
 * The kill matrix: for each mutant made of each loader, whether the conformance run convicted it,
 * and for the right clause. A result counts against a mutant only where the unmutated loader did
 * not already break the same clause on the same case and profile.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ResultEntry } from '../report/types.js';
import { mutantLoaderId, type Mutant } from './catalogue.js';

/** What became of one mutant on one loader. */
export type Fate =
  /** A FAIL naming the mutated clause, where the unmutated loader had none. */
  | 'killed'
  /** New FAILs, none naming the mutated clause: an attribution fault. */
  | 'killed-elsewhere'
  /** No new FAIL: a gap in dlspec. */
  | 'survived'
  /**
   * No new FAIL, and the unmutated loader already breaks the mutated clause, or never passes it (it
   * crashes before, or no case judges it there): nothing to tell apart.
   */
  | 'masked'
  /** Every result was an ERROR: the mutant did not run. */
  | 'not-run'
  /** No new FAIL, as expected: the catalogue explains why the departure is allowed. */
  | 'allowed';

/** The result that decided a fate. */
export interface Evidence {
  /** The case. */
  readonly case: string;
  /** The profile. */
  readonly profile: string | null;
  /** The step and divergence kind, e.g. `step 3 wrong-events`. */
  readonly where: string;
  /** The clauses the FAIL named. */
  readonly violated: readonly ClauseId[];
}

/** One cell of the matrix. */
export interface MatrixRow {
  /** The mutant. */
  readonly mutant: string;
  /** The clause it departs from. */
  readonly clause: ClauseId;
  /** The loader it was made of. */
  readonly loader: string;
  /** What became of it. */
  readonly fate: Fate;
  /** The first result that decided it (absent for survived, masked and not-run). */
  readonly evidence?: Evidence;
  /** How many results convicted it for its clause. */
  readonly kills: number;
  /** For masked: why nothing could be told apart. */
  readonly masked?: string;
}

/** The clauses a result's FAIL named (every divergence), empty for any other verdict. */
export function violatedBy(r: ResultEntry | undefined): ReadonlySet<ClauseId> {
  if (r === undefined || (r.verdict !== 'FAIL' && r.verdict !== 'XFAIL')) return new Set();
  return new Set([...(r.divergence?.violated ?? []), ...(r.later ?? []).flatMap((d) => d.violated)]);
}

const key = (r: ResultEntry): string => `${r.case}\u0000${r.profile ?? ''}`;

function evidenceOf(r: ResultEntry): Evidence {
  const d = r.divergence;
  return { case: r.case, profile: r.profile, where: d === undefined ? '' : `step ${d.step} ${d.kind}`, violated: [...violatedBy(r)] };
}

/** The row of `mutant` made of `base`, from every result of the run. */
export function matrixRow(mutant: Mutant, base: string, results: readonly ResultEntry[]): MatrixRow | undefined {
  const id = mutantLoaderId(base, mutant);
  const mine = results.filter((r) => r.loader === id);
  if (mine.length === 0) return undefined;
  const baseline = new Map(results.filter((r) => r.loader === base).map((r) => [key(r), r]));
  const fresh = mine.filter((r) => {
    const before = violatedBy(baseline.get(key(r)));
    return [...violatedBy(r)].some((c) => !before.has(c));
  });
  const kills = fresh.filter((r) => violatedBy(r).has(mutant.clause) && !violatedBy(baseline.get(key(r))).has(mutant.clause));
  const row = { mutant: mutant.id, clause: mutant.clause, loader: base, kills: kills.length };
  if (kills[0] !== undefined) return { ...row, fate: 'killed', evidence: evidenceOf(kills[0]) };
  // An allowed departure may still take the loader down paths that fail elsewhere: the row keeps that evidence.
  if (mutant.allowed !== undefined) return { ...row, fate: 'allowed', ...(fresh[0] === undefined ? {} : { evidence: evidenceOf(fresh[0]) }) };
  if (fresh[0] !== undefined) return { ...row, fate: 'killed-elsewhere', evidence: evidenceOf(fresh[0]) };
  if (mine.every((r) => r.verdict === 'ERROR')) return { ...row, fate: 'not-run' };
  const breaks = [...baseline.values()].some((r) => violatedBy(r).has(mutant.clause));
  const passes = [...baseline.values()].some((r) => r.judged?.[mutant.clause] === 'PASS');
  if (breaks || !passes) return { ...row, fate: 'masked', masked: breaks ? 'the unmutated loader already breaks this clause' : 'the unmutated loader never passes this clause' };
  return { ...row, fate: 'survived' };
}

/** The score of a set of rows: killed over every row that could be told apart (masked, not-run and allowed left out). */
export function score(rows: readonly MatrixRow[]): { killed: number; judged: number; ratio: number } {
  const judged = rows.filter((r) => r.fate !== 'masked' && r.fate !== 'not-run' && r.fate !== 'allowed');
  const killed = judged.filter((r) => r.fate === 'killed').length;
  return { killed, judged: judged.length, ratio: judged.length === 0 ? 0 : killed / judged.length };
}

/** Every row of the matrix: each mutant on each base loader it was made of. */
export function killMatrix(mutants: readonly Mutant[], bases: readonly string[], results: readonly ResultEntry[]): MatrixRow[] {
  return mutants.flatMap((m) => bases.flatMap((b) => matrixRow(m, b, results) ?? []));
}
