/**
 * The coverage data as a terminal table (fits 100 columns) and as a Markdown table.
 *
 * @module
 */
import type { Status } from '../registry/types.js';
import { table } from '../tools/markdown.js';
import { COVERAGE_COLUMNS, coverageTotals, type CoverageColumn, type CoverageRow } from './coverage.js';

/** Column headings, in {@link COVERAGE_COLUMNS} order. */
export const COVERAGE_HEADINGS: Readonly<Record<CoverageColumn, string>> = {
  spec: 'SPEC',
  tla: 'TLA+',
  model: 'model',
  cases: 'cases',
  judged: 'judged',
};

/** Four-letter status abbreviations for the terminal table. */
export const STATUS_ABBREVIATIONS: Readonly<Record<Status, string>> = {
  normative: 'norm',
  'implementation-defined': 'impl',
  unspecified: 'unsp',
  'open-question': 'open',
};

const MAX_ID_WIDTH = 53;
const mark = (covered: boolean) => (covered ? '✓' : '·');

/** The coverage table for a terminal: a legend, one line per clause, and a totals line. */
export function formatCoverageTable(rows: readonly CoverageRow[]): string {
  const totalLabel = `total (${rows.length} clauses)`;
  const idWidth = Math.min(MAX_ID_WIDTH, Math.max(totalLabel.length, ...rows.map((row) => row.id.length)));
  const cell = (text: string, width: number) => text.padEnd(width);
  const line = (id: string, status: string, marks: readonly string[]) =>
    [cell(id, idWidth), cell(status, 6), ...marks.map((text) => cell(text, 6))].join(' ').trimEnd();
  const legend = Object.entries(STATUS_ABBREVIATIONS).map(([status, short]) => `${short}=${status}`);
  const totals = coverageTotals(rows);
  return [
    'COVERAGE: ✓ covered, · not covered',
    `status: ${legend.join(' ')}`,
    line('clause', 'status', COVERAGE_COLUMNS.map((column) => COVERAGE_HEADINGS[column])),
    ...rows.map((row) => {
      const marks = COVERAGE_COLUMNS.map((column) => ` ${mark(row[column])}`);
      return line(truncate(row.id, idWidth), STATUS_ABBREVIATIONS[row.status], marks);
    }),
    line(totalLabel, '', COVERAGE_COLUMNS.map((column) => ` ${totals[column]}`)),
  ].join('\n');
}

/** The coverage table as Markdown, with a totals row. */
export function formatCoverageMarkdown(rows: readonly CoverageRow[]): string {
  const totals = coverageTotals(rows);
  const body = rows.map((row) => [`\`${row.id}\``, row.status, ...COVERAGE_COLUMNS.map((column) => mark(row[column]))]);
  body.push([`**Total** (${rows.length})`, '', ...COVERAGE_COLUMNS.map((column) => String(totals[column]))]);
  return table(['Clause', 'Status', ...COVERAGE_COLUMNS.map((column) => COVERAGE_HEADINGS[column])], body);
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
