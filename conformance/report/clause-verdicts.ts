/**
 * The latest verdicts on the clause pages: after `dlspec docs` writes one page per clause, each
 * page gains a table of the per-clause verdict of every loader in reports/latest.json.
 *
 * @module
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from './types.js';

/** The Markdown section for one clause, or undefined when no loader has a verdict for it. */
export function verdictSection(report: RunReport, clause: string): string | undefined {
  const row = report.summary.byClause[clause];
  if (row === undefined || Object.keys(row).length === 0) return undefined;
  const lines = ['', '## Latest verdicts', '', `From the run that finished ${report.finished} (reports/latest.json).`, '',
    '| loader | verdict |', '| --- | --- |'];
  for (const [loader, verdict] of Object.entries(row)) lines.push(`| ${loader} | ${verdict} |`);
  return `${lines.join('\n')}\n`;
}

/**
 * Appends each clause's latest verdicts to its page in `pagesDir` (`<id>.md`); returns how many
 * pages gained a section, or a message when the results file cannot be read.
 */
export function appendClauseVerdicts(pagesDir: string, resultsPath: string, clauses: readonly string[]): number | string {
  if (!existsSync(resultsPath)) return 0;
  let report: RunReport;
  try {
    report = JSON.parse(readFileSync(resultsPath, 'utf8')) as RunReport;
  } catch (error) {
    return `cannot read ${resultsPath}: ${(error as Error).message}`;
  }
  let count = 0;
  for (const clause of clauses) {
    const section = verdictSection(report, clause);
    const page = join(pagesDir, `${clause}.md`);
    if (section === undefined || !existsSync(page)) continue;
    appendFileSync(page, section);
    count++;
  }
  return count;
}
