/**
 * The data results.html embeds: the run's report, and for every clause its status (from
 * spec/clause-ids.gen.ts), chapter and text (from the clause registry), with the relative
 * address of the clause pages typedoc writes.
 *
 * @module
 */
import { CLAUSE_FACTS, type ClauseId } from '../../spec/clause-ids.gen.js';
import { loadRegistry } from '../../spec/registry/load.js';
import type { RunReport } from './types.js';

/** What the page shows of one clause. */
export interface HtmlClause {
  /** normative, implementation-defined, unspecified or open-question ('' when the clause is not in the registry). */
  readonly status: string;
  /** The rule, in Markdown (shown as plain text). */
  readonly text: string;
  /** The heading of the chapter it is in. */
  readonly chapter: string;
}

/** The clause facts the page needs, by clause ID. */
export type HtmlSpec = Readonly<Record<string, HtmlClause>>;

/** Everything embedded in the page as JSON. */
export interface HtmlData {
  /** The run. */
  readonly report: RunReport;
  /** The clauses, by ID. */
  readonly clauses: HtmlSpec;
  /** Where clause pages are, relative to the page: `<docsBase><id>.html`. */
  readonly docsBase: string;
}

/** Where typedoc puts the clause pages (projectDocuments), relative to reports/latest.html. */
export const DOCS_BASE = 'docs/documents/';

/** The clause statuses of CLAUSE_FACTS, without texts (what the page falls back to without a registry). */
export function factsOnlySpec(): HtmlSpec {
  return Object.fromEntries(Object.entries(CLAUSE_FACTS).map(([id, f]) => [id, { status: f.status, text: '', chapter: '' }]));
}

/**
 * The clauses of the repository at `root`: statuses from CLAUSE_FACTS, texts and chapters from
 * the registry; the registry's problems come back as messages (the page still gets the statuses).
 */
export function loadHtmlSpec(root: string): { readonly spec: HtmlSpec; readonly problems: readonly string[] } {
  const out: Record<string, HtmlClause> = { ...factsOnlySpec() };
  try {
    const { registry, problems } = loadRegistry(root);
    for (const chapter of registry.chapters) {
      for (const c of chapter.clauses) {
        const facts = (CLAUSE_FACTS as Readonly<Record<string, { status: string } | undefined>>)[c.id as ClauseId];
        out[c.id] = { status: facts?.status ?? c.status, text: c.text.trim(), chapter: chapter.title };
      }
    }
    return { spec: out, problems: problems.map((p) => `${p.file}: ${p.message}`) };
  } catch (e) {
    return { spec: out, problems: [`cannot load the clause registry: ${(e as Error).message}`] };
  }
}

/** The page's data for `report`. */
export function buildHtmlData(report: RunReport, spec: HtmlSpec, docsBase = DOCS_BASE): HtmlData {
  return { report, clauses: spec, docsBase };
}

/** `data` as JSON that is safe inside a `<script>` element (no `<`, so no `</script>`). */
export function embedJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
