/**
 * Coverage gates: once the project has a model (or cases), every clause that must be covered in
 * that column is. MODEL_COVERAGE: every normative and implementation-defined clause is cited by
 * the model outside its tests. CASES_COVERAGE: every observable clause is cited by a case.
 *
 * @module
 */
import type { Clause } from '../registry/types.js';
import { type CoverageColumn, type CoverageRow, coverageRows } from './coverage.js';
import type { Check } from './types.js';

/** A gate over one coverage column: which clauses it requires, and how to name the column. */
function coverageGate(
  id: string, description: string, column: CoverageColumn, where: string, required: (clause: Clause, row: CoverageRow) => boolean,
): Check {
  return {
    id,
    description,
    run(ctx) {
      const rows = coverageRows(ctx);
      if (!rows.some((row) => row[column])) return [];
      const clauses = new Map(ctx.registry.chapters.flatMap((c) => c.clauses.map((clause) => [clause.id, clause] as const)));
      return rows.flatMap((row) => {
        const clause = clauses.get(row.id);
        if (clause === undefined || row[column] || !required(clause, row)) return [];
        return [{
          file: clause.file,
          ...(clause.line === undefined ? {} : { line: clause.line }),
          message: `${row.status} clause ${row.id} is not cited by ${where}`,
        }];
      });
    },
  };
}

/** The MODEL_COVERAGE check. */
export const modelCoverageCheck: Check = coverageGate(
  'MODEL_COVERAGE', 'every normative and implementation-defined clause is cited by the model', 'model',
  'the model (model/, outside tests)', (_clause, row) => row.status === 'normative' || row.status === 'implementation-defined',
);

/** The CASES_COVERAGE check. */
export const casesCoverageCheck: Check = coverageGate(
  'CASES_COVERAGE', 'every observable clause is cited by a conformance case', 'cases',
  'any case (conformance/cases/)', (clause) => clause.observable,
);
