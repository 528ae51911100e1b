/**
 * The text report of a spec-check run: problems grouped by check, notices, the coverage
 * table and a one-line verdict.
 *
 * @module
 */
import type { Problem } from '../registry/types.js';
import { formatCoverageTable } from './coverage-format.js';
import type { SpecCheckReport } from './run.js';

/** `file:line: message`, or `file: message` when the line is unknown. */
export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.message}`;
}

/** The whole report as text. */
export function formatReport(report: SpecCheckReport): string {
  const idWidth = Math.max(...report.results.map((result) => result.check.length));
  const sections = report.results.map(({ check, description, problems }) => {
    const head = `${check.padEnd(idWidth)}  `;
    if (problems.length === 0) return [`${head}ok`];
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    return [`${head}FAIL ${count} — ${description}`, ...problems.map((problem) => `  ${formatProblem(problem)}`)];
  });
  const failing = report.results.filter((result) => result.problems.length > 0);
  const total = failing.reduce((sum, result) => sum + result.problems.length, 0);
  const verdict =
    failing.length === 0
      ? `spec:check: all ${report.results.length} checks passed`
      : `spec:check: ${total} problem${total === 1 ? '' : 's'} in ${failing.map((result) => result.check).join(', ')}`;
  return [
    ...sections.flat(),
    ...report.notices.map((notice) => `notice: ${notice}`),
    '',
    formatCoverageTable(report.coverage),
    '',
    verdict,
  ].join('\n');
}
