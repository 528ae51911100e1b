/**
 * Coverage gates over judged coverage (CheckContext.judgement): once a column has anything, every
 * clause that must be covered in it is. MODEL_COVERAGE: every normative and implementation-defined
 * clause is cited by a model outcome or a requirement derived from one. CASES_COVERAGE: every
 * observable clause is listed by a case. JUDGED_COVERAGE: every normative observable clause is
 * judged by a requirement the oracle evaluates on some case (a caller requirement is not: breaking
 * it allows anything, so there is nothing to judge).
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
  'the model (no outcome or requirement derived from one cites it)', (_clause, row) => row.status === 'normative' || row.status === 'implementation-defined',
);

/** The CASES_COVERAGE check. */
export const casesCoverageCheck: Check = coverageGate(
  'CASES_COVERAGE', 'every observable clause is cited by a conformance case', 'cases',
  'any case (conformance/cases/)', (clause) => clause.observable,
);

/** The JUDGED_COVERAGE check: also reports cases the model could not explore. */
const judgedGate = coverageGate(
  'JUDGED_COVERAGE', 'every normative observable clause is judged by a requirement the oracle evaluates on some case', 'judged',
  'any requirement the oracle evaluates (no case judges it)', (clause, row) => clause.observable && !clause.callerRequirement && row.status === 'normative',
);

/** The JUDGED_COVERAGE check. */
export const judgedCoverageCheck: Check = {
  ...judgedGate,
  run(ctx) {
    const explored = (ctx.judgement?.problems ?? []).map((message) => ({ file: 'conformance/cases', message }));
    return [...explored, ...judgedGate.run(ctx)];
  },
};
