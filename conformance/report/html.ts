/**
 * results.html: one self-contained page (inline CSS and script, the data embedded as JSON, no
 * network) with the run's header (versions, loaders' identities, kernel, seed), the failure
 * clusters and the ERROR results grouped by reason (each opening its cases in the panel), filters,
 * the clause × loader matrix grouped by chapter, and a panel, closed until something is chosen,
 * that overlays the page's right side with a cell's, a cluster's or an error's cases and a case's
 * checked trace (its first divergence highlighted, its reason for an ERROR or UNSUPPORTED), and
 * the clause texts. A clause ID links to its documentation page when that page existed as the
 * report was written, and otherwise shows the clause in the panel.
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

/**
 * The page of `report`, with the clause statuses and texts of `spec`; the IDs of the clauses whose
 * `docs` is set link to `docsBase`<id>.html.
 */
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
<details class="summary-list" id="clusters" open><summary id="clusters-title">Failure clusters</summary><ol id="cluster-list"></ol></details>
<details class="summary-list" id="errors" open hidden><summary id="errors-title">Errors</summary><ol id="error-list"></ol></details>
<div class="filters" id="filters"><span id="count" class="meta"></span></div>
<main><noscript>This page needs JavaScript; results.md has the same matrix.</noscript>
<p class="meta hint">Click a failure cluster or an error to list its cases, a cell of the matrix to list the cases covering that clause on that loader, then a case to see its checked trace; click a clause ID to read the clause.</p>
<table id="matrix"></table></main>
<aside id="panel" hidden><button type="button" id="panel-close" class="close" title="Close (Esc)" aria-label="Close the panel">×</button><div id="clause-view"></div><div id="panel-body"></div></aside>
<script type="application/json" id="dlspec-data">${data}</script>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
