/**
 * `dlspec run`: for now, the spec check plus the coverage report files. The conformance
 * harness is not written yet, and the command says so.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageTotals } from '../spec/checks/coverage.js';
import { formatCoverageMarkdown } from '../spec/checks/coverage-format.js';
import { runSpecCheck } from '../spec/checks/run.js';

/** Where `dlspec run` writes its reports, relative to the repository root. */
export const REPORT_DIR = 'reports/out';

/** Runs the spec check at `root`, writes the coverage reports, and returns the exit code. */
export async function runAll(root: string, threadPath?: string): Promise<number> {
  const { report, exitCode } = await runSpecCheck(root, { threadPath });
  const dir = join(root, REPORT_DIR);
  mkdirSync(dir, { recursive: true });
  const data = { rows: report.coverage, totals: coverageTotals(report.coverage) };
  writeFileSync(join(dir, 'coverage.json'), `${JSON.stringify(data, null, 2)}\n`);
  writeFileSync(join(dir, 'coverage.md'), `# Clause coverage\n\n${formatCoverageMarkdown(report.coverage)}\n`);
  console.log(`wrote ${REPORT_DIR}/coverage.json and ${REPORT_DIR}/coverage.md`);
  console.log('note: the conformance run is not implemented yet; `dlspec run` only runs the spec check.');
  return exitCode;
}
