/**
 * The Markdown of one clause's documentation page and of the clause index, for typedoc's
 * project documents. The index is the one project document; its front matter lists every clause
 * page as its child, so that the documentation's navigation shows the clauses as one group,
 * "Clauses", after the API modules (typedoc.json sorts documents last).
 *
 * @module
 */
import type { Citation } from '../checks/lib/citations.js';
import type { TlaDefinition } from '../checks/lib/tla-definitions.js';
import { profilesOf } from '../registry/membership.js';
import type { Chapter, Clause, Registry } from '../registry/types.js';
import { italicParagraphs, table } from './markdown.js';
import { changesBlock, nameInlineRefs, renderSource } from './render-sources.js';

/** What cites a clause: plain citations in files, and TLA+ definitions tagged with it. */
export interface ClauseReferences {
  /** Files and lines whose text names the clause ID. */
  citations: readonly Citation[];
  /** TLA+ actions and invariants whose `@clauses` tag names it. */
  tagged: readonly TlaDefinition[];
}

/** The page of `clause`, the `position`-th (1-based) clause of `chapter`. */
export function renderClausePage(
  clause: Clause,
  chapter: Chapter,
  position: number,
  registry: Registry,
  references: ClauseReferences,
): string {
  const facts: string[][] = [
    ['Clause', `${chapter.number}.${position}, in [${chapter.number}. ${chapter.title}](index.md)`],
    ['Status', clause.status],
    ['Profiles', profilesOf(clause, chapter, registry.profiles).join(', ') || 'none'],
  ];
  if (clause.raisedBy !== undefined) facts.push(['Raised by', clause.raisedBy]);
  if (clause.callerRequirement) facts.push(['Caller requirement', 'yes: breaking it is undefined behaviour']);
  facts.push(['Observable', clause.observable ? 'yes' : 'no'], ['Defined in', `\`${clause.file}\``]);
  const sources = clause.sources.map((s) => `- ${renderSource(s, registry.messages)}`).join('\n') || '- none';
  const parts = [`---\ntitle: ${clause.id}\n---`, `# ${clause.id}`, nameInlineRefs(clause.text, registry.messages), table(['', ''], facts),
    `## Sources\n\n${sources}`];
  if (clause.note !== undefined) parts.push(italicParagraphs(nameInlineRefs(clause.note, registry.messages), 'Note: '));
  if (clause.changes.length > 0) parts.push(`## Changes\n\n${changesBlock(clause, registry.messages)}`);
  parts.push('## Cited by', citedBy(references));
  return `${parts.join('\n\n')}\n`;
}

function citedBy({ citations, tagged }: ClauseReferences): string {
  const lines = [
    ...tagged.map(({ kind, name, file, line }) => `- TLA+ ${kind} \`${name}\` (\`${file}:${line}\`)`),
    ...citations.map((citation) => `- \`${citation.file}:${citation.line}\``),
  ];
  return lines.length > 0 ? lines.join('\n') : 'Nothing cites this clause yet.';
}

/** The title of the clause index, which typedoc also puts in the name of every clause page's file. */
export const CLAUSE_INDEX_TITLE = 'Clauses';

/** The directory typedoc writes project documents to, relative to its output directory. */
export const CLAUSE_DOCS_DIR = 'documents';

/** The file name typedoc gives the page of clause `id` in CLAUSE_DOCS_DIR (a child document is named after its parent and itself). */
export function clauseDocFile(id: string): string {
  return `${CLAUSE_INDEX_TITLE}.${id}.html`;
}

/**
 * The index page: every clause, chapter by chapter, linked to its page; its front matter makes
 * every clause page its child, in chapter order.
 */
export function renderClauseIndex(registry: Registry): string {
  const children = registry.chapters.flatMap((chapter) => chapter.clauses.map((clause) => `  - ${clause.id}.md`));
  const parts = [`---\ntitle: ${CLAUSE_INDEX_TITLE}\nchildren:\n${children.join('\n')}\n---`, `# ${CLAUSE_INDEX_TITLE}`];
  for (const chapter of registry.chapters) {
    parts.push(`## ${chapter.number}. ${chapter.title}`);
    const rows = chapter.clauses.map((clause, index) => [
      `${chapter.number}.${index + 1}`,
      `[\`${clause.id}\`](${clause.id}.md)`,
      clause.status,
    ]);
    parts.push(table(['#', 'Clause', 'Status'], rows));
  }
  return `${parts.join('\n\n')}\n`;
}
