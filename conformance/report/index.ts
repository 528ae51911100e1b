/**
 * Results of a conformance run: results.json (the source of truth), results.md, results.html,
 * results.junit.xml, run diffs, failure clusters, and the partial
 * NDJSON file that keeps an interrupted run's results.
 *
 * @module
 */
export { buildReport, dlspecVersion } from './report.js';
export {
  callOperation, clusterFailures, clusterLines, clusterSignature, reproCommand, shownFault, signatureText,
  type ClusterMember, type ClusterSignature, type FailureCluster,
} from './clusters.js';
export { formatResultsMarkdown } from './markdown.js';
export { escapeHtml, formatResultsHtml } from './html.js';
export { buildHtmlData, DOCS_BASE, DOCS_DIR, factsOnlySpec, loadHtmlSpec, type HtmlClause, type HtmlData, type HtmlSpec } from './html-data.js';
export { escapeXml, formatJunit } from './junit.js';
export { diffRuns, formatDiff, readDiffInput, type DiffInput, type RunDiff, type VerdictChange } from './diff.js';
export { SEVERITY, summarize, worse } from './summary.js';
export { PartialResults, writeResults } from './write.js';
export type { ExpectationsSummary, ExpectedFailure, LoaderEntry, ResultEntry, RunReport, RunSummary, VerdictCounts } from './types.js';
