/**
 * `dlspec docs`: writes one Markdown page per clause, and an index, to
 * reports/docs-src/clauses/ for typedoc to publish as project documents: the index is the one
 * document typedoc.json names, and every clause page is its child (one "Clauses" group in the
 * navigation, after the API).
 *
 * @module
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckContext } from '../checks/context.js';
import { renderClauseIndex, renderClausePage } from './clause-page.js';

/** Where the pages go, relative to the repository root. */
export const CLAUSE_PAGES_DIR = 'reports/docs-src/clauses';

/** Writes the clause pages for the loaded project (replacing earlier ones) and returns how many. */
export function writeClausePages(ctx: CheckContext): number {
  const dir = join(ctx.root, CLAUSE_PAGES_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let count = 0;
  for (const chapter of ctx.registry.chapters) {
    chapter.clauses.forEach((clause, index) => {
      const references = {
        citations: ctx.citations.filter((citation) => citation.id === clause.id),
        tagged: ctx.tlaDefinitions.filter((definition) => definition.tags?.includes(clause.id)),
      };
      const page = renderClausePage(clause, chapter, index + 1, ctx.registry, references);
      writeFileSync(join(dir, `${clause.id}.md`), page);
      count += 1;
    });
  }
  writeFileSync(join(dir, 'index.md'), renderClauseIndex(ctx.registry));
  return count;
}
