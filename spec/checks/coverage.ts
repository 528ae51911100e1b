/**
 * The coverage data: for each clause, whether SPEC.md states it, a TLA+ action or invariant is
 * tagged with it, the model cites it (its outcomes, or requirements derived from them), a case
 * lists it, and a requirement the oracle evaluates judges it. The last three come from judged
 * coverage (CheckContext.judgement), never from reading files for clause IDs.
 *
 * @module
 */
import { clausesOf, type Status } from '../registry/types.js';
import { SPEC_FILE } from '../tools/gen.js';
import type { CheckContext } from './context.js';
import { citationsIn } from './lib/citations.js';

/** The places a clause can be covered in. */
export const COVERAGE_COLUMNS = ['spec', 'tla', 'model', 'cases', 'judged'] as const;

/** One of {@link COVERAGE_COLUMNS}. */
export type CoverageColumn = (typeof COVERAGE_COLUMNS)[number];

/** Where one clause is covered. */
export interface CoverageRow {
  /** The clause ID. */
  id: string;
  /** The clause's status. */
  status: Status;
  /** The clause's chapter ID. */
  chapter: string;
  /** The ID is in SPEC.md. */
  spec: boolean;
  /** Some TLA+ action or invariant is tagged with it. */
  tla: boolean;
  /** A model outcome, or a requirement derived from one, cites it. */
  model: boolean;
  /** A case's front matter lists it. */
  cases: boolean;
  /** A requirement the oracle evaluates on some case cites it. */
  judged: boolean;
}

/** One row per registry clause, in chapter order. */
export function coverageRows(ctx: CheckContext): CoverageRow[] {
  const spec = ctx.generated.get(SPEC_FILE);
  const inSpec = new Set(spec === undefined ? [] : citationsIn(SPEC_FILE, spec).map((citation) => citation.id));
  const tagged = new Set(ctx.tlaDefinitions.flatMap((definition) => definition.tags ?? []));
  const j = ctx.judgement;
  return clausesOf(ctx.registry).map((clause) => ({
    id: clause.id,
    status: clause.status,
    chapter: clause.chapter,
    spec: inSpec.has(clause.id),
    tla: tagged.has(clause.id),
    model: j?.model.has(clause.id) ?? false,
    cases: j?.cited.has(clause.id) ?? false,
    judged: j?.judged.has(clause.id) ?? false,
  }));
}

/** How many rows are covered in each column. */
export function coverageTotals(rows: readonly CoverageRow[]): Record<CoverageColumn, number> {
  const count = (column: CoverageColumn) => rows.filter((row) => row[column]).length;
  return { spec: count('spec'), tla: count('tla'), model: count('model'), cases: count('cases'), judged: count('judged') };
}
