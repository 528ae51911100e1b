/**
 * The data results.html embeds: the run's report, and for every clause its status (from
 * spec/clause-ids.gen.ts), chapter and text (from the clause registry), whether its documentation
 * page existed when the report was written, and the relative address of those pages.
 *
 * @module
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLAUSE_FACTS, type ClauseId } from '../../spec/clause-ids.gen.js';
import { loadRegistry } from '../../spec/registry/load.js';
import { CLAUSE_DOCS_DIR, CLAUSE_INDEX_TITLE, clauseDocFile } from '../../spec/tools/clause-page.js';
import type { RunReport } from './types.js';

/** What the page shows of one clause. */
export interface HtmlClause {
  /** normative, implementation-defined, unspecified or open-question ('' when the clause is not in the registry). */
  readonly status: string;
  /** The rule, in Markdown (shown as plain text). */
  readonly text: string;
  /** The heading of the chapter it is in. */
  readonly chapter: string;
  /**
   * Whether its documentation page (`npm run docs`) existed when the report was written: its ID
   * then links to `<docsBase><id>.html`; otherwise a click on it shows the text in the panel.
   */
  readonly docs?: boolean;
}

/** The clause facts the page needs, by clause ID. */
export type HtmlSpec = Readonly<Record<string, HtmlClause>>;

/** Everything embedded in the page as JSON. */
export interface HtmlData {
  /** The run. */
  readonly report: RunReport;
  /** The clauses, by ID. */
  readonly clauses: HtmlSpec;
  /** Where clause pages are, relative to the page: `<docsBase><id>.html` (used for the clauses whose `docs` is set). */
  readonly docsBase: string;
}

/** Where `npm run docs` writes the documentation (typedoc.json's `out`), relative to the repository root. */
export const DOCS_DIR = 'reports/docs';

/** Where typedoc puts the clause pages (children of the clause index), relative to reports/latest.html. */
export const DOCS_BASE = `docs/${CLAUSE_DOCS_DIR}/${CLAUSE_INDEX_TITLE}.`;

/** The clause statuses of CLAUSE_FACTS, without texts (what the page falls back to without a registry). */
export function factsOnlySpec(): HtmlSpec {
  return Object.fromEntries(Object.entries(CLAUSE_FACTS).map(([id, f]) => [id, { status: f.status, text: '', chapter: '' }]));
}

/** The files of the clause pages typedoc wrote into `docsDir` (none when it holds no documentation). */
function clauseDocFiles(docsDir: string): ReadonlySet<string> {
  try {
    return new Set(readdirSync(join(docsDir, CLAUSE_DOCS_DIR)));
  } catch {
    return new Set();
  }
}

/**
 * The clauses of the repository at `root`: statuses from CLAUSE_FACTS, texts and chapters from
 * the registry, and whether each one's page is in `docsDir` (default: root/reports/docs) now;
 * the registry's problems come back as messages (the page still gets the statuses).
 */
export function loadHtmlSpec(root: string, docsDir: string = join(root, DOCS_DIR)): { readonly spec: HtmlSpec; readonly problems: readonly string[] } {
  const out: Record<string, HtmlClause> = { ...factsOnlySpec() };
  const problems: string[] = [];
  try {
    const loaded = loadRegistry(root);
    for (const chapter of loaded.registry.chapters) {
      for (const c of chapter.clauses) {
        const facts = (CLAUSE_FACTS as Readonly<Record<string, { status: string } | undefined>>)[c.id as ClauseId];
        out[c.id] = { status: facts?.status ?? c.status, text: c.text.trim(), chapter: chapter.title };
      }
    }
    problems.push(...loaded.problems.map((p) => `${p.file}: ${p.message}`));
  } catch (e) {
    problems.push(`cannot load the clause registry: ${(e as Error).message}`);
  }
  const documented = clauseDocFiles(docsDir);
  for (const [id, clause] of Object.entries(out)) if (documented.has(clauseDocFile(id))) out[id] = { ...clause, docs: true };
  return { spec: out, problems };
}

/** The page's data for `report`. */
export function buildHtmlData(report: RunReport, spec: HtmlSpec, docsBase = DOCS_BASE): HtmlData {
  return { report, clauses: spec, docsBase };
}

/** `data` as JSON that is safe inside a `<script>` element (no `<`, so no `</script>`). */
export function embedJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
