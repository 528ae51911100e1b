/**
 * Writing a run's results: the run directory's partial.ndjson grows by one line per result as
 * results arrive (an interrupted run keeps what it gathered), then results.json and results.md
 * (with results.html and results.junit.xml) are written at the end and the partial file is removed.
 *
 * @module
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from './run-dir.js';
import type { ResultEntry, RunReport } from './types.js';
import { factsOnlySpec, type HtmlSpec } from './html-data.js';
import { formatResultsHtml } from './html.js';
import { formatJunit } from './junit.js';
import { formatResultsMarkdown } from './markdown.js';

/** Appends results to the partial file as they arrive. */
export class PartialResults {
  private readonly path: string;
  /** The first write error, if any (later results are still kept in memory by the caller). */
  error: string | undefined;

  /** Starts an empty partial file in the run directory `dir` (with `keep`, appends to the one there: a resumed run). */
  constructor(dir: string, keep = false) {
    this.path = join(dir, RUN_FILES.partial);
    try {
      mkdirSync(dir, { recursive: true });
      if (!keep) writeFileSync(this.path, '');
    } catch (e) {
      this.error = `cannot write ${this.path}: ${(e as Error).message}`;
    }
  }

  /** Appends one result. */
  add(result: ResultEntry): void {
    if (this.error !== undefined) return;
    try { appendFileSync(this.path, `${JSON.stringify(result)}\n`); } catch (e) { this.error = `cannot write ${this.path}: ${(e as Error).message}`; }
  }

  /** Removes the partial file (once results.json holds everything). */
  remove(): void {
    rmSync(this.path, { force: true });
  }
}

/**
 * Writes results.json, results.md, results.html and results.junit.xml into `dir`; `spec` gives
 * the page its clause statuses and texts (default: the statuses alone). Returns an error message
 * or undefined.
 */
export function writeResults(dir: string, report: RunReport, spec: HtmlSpec = factsOnlySpec()): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, RUN_FILES.json), `${JSON.stringify(report, null, 1)}\n`);
    writeFileSync(join(dir, RUN_FILES.markdown), formatResultsMarkdown(report));
    writeFileSync(join(dir, RUN_FILES.html), formatResultsHtml(report, spec));
    writeFileSync(join(dir, RUN_FILES.junit), formatJunit(report));
    return undefined;
  } catch (e) {
    return `cannot write the results to ${dir}: ${(e as Error).message}`;
  }
}
