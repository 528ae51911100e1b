/**
 * CASE_SCHEMA: every case file under conformance/cases loads as `dlspec run` loads it: its front
 * matter has the known keys and values, and every step fits the model's call schema (no unknown
 * key, no missing required key, no value of the wrong shape). Each problem names the file, the
 * step, its call type and the key. Whether a cited clause exists is left to CITATIONS, which
 * checks it against the registry of the repository being checked.
 *
 * @module
 */
import type { Check, Problem } from '../../spec/checks/types.js';
import { loadCases } from '../case-file/discover.js';

/** The CASE_SCHEMA check. */
export const caseSchemaCheck: Check = {
  id: 'CASE_SCHEMA',
  description: 'every case file has a valid front matter and every step fits the call schema',
  run(ctx) {
    return loadCases(ctx.root, undefined, { isClause: () => true }).flatMap((result): Problem[] => {
      if (result.ok) return [];
      const prefix = `${result.file}: `;
      return result.problems.map((p) => ({ file: result.file, message: p.startsWith(prefix) ? p.slice(prefix.length) : p }));
    });
  },
};
