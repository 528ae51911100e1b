/**
 * Writing a run's results: reports/latest.partial.ndjson grows by one line per result as
 * results arrive (an interrupted run keeps what it gathered), then results.json and results.md
 * (with results.html and results.junit.xml) are written at the end and the partial file is removed.
 *
 * @module
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultEntry, RunReport } from './types.js';
import { factsOnlySpec, type HtmlSpec } from './html-data.js';
import { formatResultsHtml } from './html.js';
import { formatJunit } from './junit.js';
import { formatResultsMarkdown } from './markdown.js';

/** The files, relative to the report directory. */
export const RESULT_FILES = {
  partial: 'latest.partial.ndjson', json: 'latest.json', markdown: 'latest.md', html: 'latest.html', junit: 'latest.junit.xml',
} as const;

/** The names of the four report files. */
export interface ReportFiles {
  /** The results, as JSON (the source of truth). */
  readonly json: string;
  /** The Markdown summary. */
  readonly markdown: string;
  /** The HTML report. */
  readonly html: string;
  /** The JUnit XML. */
  readonly junit: string;
}

/** Appends results to the partial file as they arrive. */
export class PartialResults {
  private readonly path: string;
  /** The first write error, if any (later results are still kept in memory by the caller). */
  error: string | undefined;

  /** Starts an empty partial file `file` in `dir` (with `keep`, appends to the one there: a resumed run). */
  constructor(dir: string, file: string = RESULT_FILES.partial, keep = false) {
    this.path = join(dir, file);
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
export function writeResults(dir: string, report: RunReport, spec: HtmlSpec = factsOnlySpec(), files: ReportFiles = RESULT_FILES): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, files.json), `${JSON.stringify(report, null, 1)}\n`);
    writeFileSync(join(dir, files.markdown), formatResultsMarkdown(report));
    writeFileSync(join(dir, files.html), formatResultsHtml(report, spec));
    writeFileSync(join(dir, files.junit), formatJunit(report));
    return undefined;
  } catch (e) {
    return `cannot write the results to ${dir}: ${(e as Error).message}`;
  }
}
