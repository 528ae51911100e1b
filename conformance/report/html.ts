/**
 * results.html: one self-contained page (inline CSS and script, the data embedded as JSON, no
 * network) with the run's header (versions, loaders' identities, kernel, seed), the failure
 * clusters (each opening its cases in the panel), filters, the clause × loader matrix grouped by
 * chapter, and a panel with a cell's or a cluster's cases and a case's checked trace, its first
 * divergence highlighted, and the clause texts.
 *
 * @module
 */
import { buildHtmlData, DOCS_BASE, embedJson, type HtmlSpec } from './html-data.js';
import { HTML_SCRIPT } from './html-script.js';
import { HTML_STYLE } from './html-style.js';
import type { RunReport } from './types.js';

/** `text` escaped for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The page of `report`, with the clause statuses and texts of `spec`; clause IDs link to `docsBase`<id>.html. */
export function formatResultsHtml(report: RunReport, spec: HtmlSpec, docsBase: string = DOCS_BASE): string {
  const data = embedJson(buildHtmlData(report, spec, docsBase));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dlspec ${escapeHtml(report.dlspec)} conformance results (${escapeHtml(report.started)})</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header id="head"></header>
<details class="clusters" id="clusters" open><summary id="clusters-title">Failure clusters</summary><ol id="cluster-list"></ol></details>
<div class="filters" id="filters"><span id="count" class="meta"></span></div>
<div class="layout">
<main><noscript>This page needs JavaScript; results.md has the same matrix.</noscript><table id="matrix"></table></main>
<aside id="panel"><p class="empty">Click a failure cluster to list its cases, or a cell of the matrix to list the cases covering that clause on that loader, then a case to see its checked trace.</p></aside>
</div>
<script type="application/json" id="dlspec-data">${data}</script>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
