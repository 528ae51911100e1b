/**
 * Results of a conformance run: results.json (the source of truth), results.md, and the partial
 * NDJSON file that keeps an interrupted run's results.
 *
 * @module
 */
export { buildReport, dlspecVersion } from './report.js';
export { formatResultsMarkdown } from './markdown.js';
export { SEVERITY, summarize, worse } from './summary.js';
export { PartialResults, RESULT_FILES, writeResults } from './write.js';
export type { ExpectationsSummary, ExpectedFailure, LoaderEntry, ResultEntry, RunReport, RunSummary, VerdictCounts } from './types.js';
