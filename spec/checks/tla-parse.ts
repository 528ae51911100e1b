/**
 * TLA_PARSE: every TLA+ module parses without ERROR or MISSING nodes.
 *
 * @module
 */
import { firstSyntaxError } from './lib/tla.js';
import type { Check, Problem } from './types.js';

/** The TLA_PARSE check. */
export const tlaParseCheck: Check = {
  id: 'TLA_PARSE',
  description: 'every spec/tla/*.tla parses with the tree-sitter TLA+ grammar',
  run(ctx) {
    return ctx.tla.flatMap(({ file, tree }): Problem[] => {
      const error = firstSyntaxError(tree);
      if (error === undefined) return [];
      return [{ file, line: error.line, message: `syntax error at ${error.line}:${error.column}: ${error.what}` }];
    });
  },
};
