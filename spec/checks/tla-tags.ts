/**
 * TLA_TAGS: every TLA+ action and invariant carries a `\* @clauses` comment naming clauses
 * that exist.
 *
 * @module
 */
import { clauseIdsOf } from '../registry/types.js';
import type { Check, Problem } from './types.js';

/** The TLA_TAGS check. */
export const tlaTagsCheck: Check = {
  id: 'TLA_TAGS',
  description: 'every TLA+ action and invariant is tagged with registry clause IDs',
  run(ctx) {
    const known = clauseIdsOf(ctx.registry);
    return ctx.tlaDefinitions.flatMap(({ file, module, name, line, kind, tags }): Problem[] => {
      const where = `module ${module}, ${kind} ${name} (line ${line})`;
      if (tags === undefined) return [{ file, line, message: `${where} has no "\\* @clauses" comment right above it` }];
      if (tags.length === 0) return [{ file, line, message: `${where}: its @clauses comment names no clause` }];
      return tags
        .filter((id) => !known.has(id))
        .map((id) => ({ file, line, message: `${where} is tagged with ${id}, which is not in the registry` }));
    });
  },
};
