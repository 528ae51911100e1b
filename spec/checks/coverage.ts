/**
 * The coverage data: for each clause, whether SPEC.md, the TLA+ modules, the model and the
 * conformance cases mention it.
 *
 * @module
 */
import { clausesOf, type Status } from '../registry/types.js';
import { SPEC_FILE } from '../tools/gen.js';
import type { CheckContext } from './context.js';
import { citationsIn } from './lib/citations.js';

/** The places a clause can be covered in. */
export const COVERAGE_COLUMNS = ['spec', 'tla', 'model', 'cases'] as const;

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
  /** A file under `model/` cites it. */
  model: boolean;
  /** A file under `conformance/cases/` cites it. */
  cases: boolean;
}

/** Directory prefixes whose citations count for the `model` and `cases` columns. */
export const COVERAGE_DIRS = {
  /** The executable model. */
  model: 'model/',
  /** The conformance cases. */
  cases: 'conformance/cases/',
} as const;

/** Whether a file is a test or test support, whose citations do not count as coverage. */
export function isTestFile(file: string): boolean {
  return /\.test\.ts$/.test(file) || file.includes('/testing/');
}

/**
 * One row per registry clause, in chapter order (tests and test support do not count): SPEC = the ID is in SPEC.md; TLA+ = some
 * action or invariant is tagged with it; model / cases = a file under `model/` /
 * `conformance/cases/` cites it.
 */
export function coverageRows(ctx: CheckContext): CoverageRow[] {
  const spec = ctx.generated.get(SPEC_FILE);
  const inSpec = new Set(spec === undefined ? [] : citationsIn(SPEC_FILE, spec).map((citation) => citation.id));
  const tagged = new Set(ctx.tlaDefinitions.flatMap((definition) => definition.tags ?? []));
  const citedUnder = (prefix: string) =>
    new Set(ctx.citations.filter((citation) => citation.file.startsWith(prefix) && !isTestFile(citation.file))
      .map((citation) => citation.id));
  const inModel = citedUnder(COVERAGE_DIRS.model);
  const inCases = citedUnder(COVERAGE_DIRS.cases);
  return clausesOf(ctx.registry).map((clause) => ({
    id: clause.id,
    status: clause.status,
    chapter: clause.chapter,
    spec: inSpec.has(clause.id),
    tla: tagged.has(clause.id),
    model: inModel.has(clause.id),
    cases: inCases.has(clause.id),
  }));
}

/** How many rows are covered in each column. */
export function coverageTotals(rows: readonly CoverageRow[]): Record<CoverageColumn, number> {
  const count = (column: CoverageColumn) => rows.filter((row) => row[column]).length;
  return { spec: count('spec'), tla: count('tla'), model: count('model'), cases: count('cases') };
}
