/**
 * CITATIONS: every clause ID cited in the project's code, models, cases and docs is in the
 * registry.
 *
 * @module
 */
import { clauseIdsOf } from '../registry/types.js';
import type { Check } from './types.js';

/** The CITATIONS check. */
export const citationsCheck: Check = {
  id: 'CITATIONS',
  description: 'every clause ID cited in the project is in the registry',
  run(ctx) {
    const known = clauseIdsOf(ctx.registry);
    return ctx.citations
      .filter((citation) => !known.has(citation.id))
      .map(({ id, file, line }) => ({ file, line, message: `cites ${id}, which is not in the registry` }));
  },
};
