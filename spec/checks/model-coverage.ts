/**
 * MODEL_COVERAGE: once the project has a model, every normative and implementation-defined clause
 * is cited by it (outside its tests), so that no promise of the spec is missing from the oracle.
 *
 * @module
 */
import { coverageRows } from './coverage.js';
import type { Check } from './types.js';

/** The MODEL_COVERAGE check. */
export const modelCoverageCheck: Check = {
  id: 'MODEL_COVERAGE',
  description: 'every normative and implementation-defined clause is cited by the model',
  run(ctx) {
    const rows = coverageRows(ctx);
    if (!rows.some((row) => row.model)) return [];
    const fileOf = new Map(ctx.registry.chapters.flatMap((c) => c.clauses.map((clause) => [clause.id, clause] as const)));
    return rows
      .filter((row) => !row.model && (row.status === 'normative' || row.status === 'implementation-defined'))
      .map((row) => {
        const clause = fileOf.get(row.id);
        return {
          file: clause?.file ?? 'spec/clauses',
          ...(clause?.line === undefined ? {} : { line: clause.line }),
          message: `${row.status} clause ${row.id} is not cited by the model (model/, outside tests)`,
        };
      });
  },
};
