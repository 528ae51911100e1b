/**
 * SPEC_FRESH: the generated files on disk are what `npm run spec:gen` would write now, and
 * SPEC.md mentions every clause.
 *
 * @module
 */
import { clausesOf } from '../registry/types.js';
import { SPEC_FILE, generatedFiles } from '../tools/gen.js';
import { citationsIn } from './lib/citations.js';
import type { Check, Problem } from './types.js';

/** The SPEC_FRESH check. */
export const specFreshCheck: Check = {
  id: 'SPEC_FRESH',
  description: 'SPEC.md and spec/clause-ids.gen.ts are what `npm run spec:gen` writes',
  run(ctx) {
    const problems: Problem[] = [];
    for (const { file, content } of generatedFiles(ctx.registry, ctx.preamble)) {
      const onDisk = ctx.generated.get(file);
      if (onDisk === undefined) problems.push({ file, message: 'is missing: run `npm run spec:gen`' });
      else if (onDisk !== content) problems.push({ file, message: 'is out of date: run `npm run spec:gen`' });
    }
    const spec = ctx.generated.get(SPEC_FILE);
    if (spec !== undefined) {
      const mentioned = new Set(citationsIn(SPEC_FILE, spec).map((citation) => citation.id));
      for (const clause of clausesOf(ctx.registry)) {
        if (!mentioned.has(clause.id)) {
          problems.push({ file: SPEC_FILE, message: `does not mention clause ${clause.id} (from ${clause.file})` });
        }
      }
    }
    return problems;
  },
};
