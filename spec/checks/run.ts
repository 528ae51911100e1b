/**
 * The runner of `npm run spec:check`: loads the project once, runs every check, and
 * prints the problems grouped by check, then the coverage table.
 *
 * @module
 */
import { loadContext, type CheckContext, type ContextOptions } from './context.js';
import { coverageRows, type CoverageRow } from './coverage.js';
import { formatReport } from './report.js';
import { CHECKS } from './index.js';
import type { Check, CheckResult } from './types.js';

/** What one run of the checks found. */
export interface SpecCheckReport {
  /** One result per check, in run order. */
  results: CheckResult[];
  /** The coverage table as data. */
  coverage: CoverageRow[];
  /** Notices from loading (not problems). */
  notices: string[];
}

/** Runs `checks` (default: all) on a loaded context. */
export function runChecks(ctx: CheckContext, checks: readonly Check[] = CHECKS): SpecCheckReport {
  return {
    results: checks.map((check) => ({ check: check.id, description: check.description, problems: check.run(ctx) })),
    coverage: coverageRows(ctx),
    notices: ctx.notices,
  };
}

/** Whether any check reported a problem. */
export function reportFailed(report: SpecCheckReport): boolean {
  return report.results.some((result) => result.problems.length > 0);
}

/** Options of {@link runSpecCheck}. */
export interface RunOptions extends ContextOptions {
  /** Print the report as JSON instead of text. */
  json?: boolean;
  /** Where to print; default `console.log`. */
  print?: (text: string) => void;
  /** Checks beyond {@link CHECKS} that live downstream (conformance/checks), run after them. */
  extraChecks?: readonly Check[];
}

/** A printed report and the exit code it calls for. */
export interface SpecCheckOutcome {
  /** What the checks found. */
  report: SpecCheckReport;
  /** 1 when a check reported a problem, else 0. */
  exitCode: number;
}

/** Loads the repository at `root`, runs every check, prints the report, and returns it with the exit code. */
export async function runSpecCheck(
  root: string,
  options: RunOptions = {},
): Promise<SpecCheckOutcome> {
  const report = runChecks(await loadContext(root, options), [...CHECKS, ...(options.extraChecks ?? [])]);
  const print = options.print ?? ((text: string) => console.log(text));
  print(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return { report, exitCode: reportFailed(report) ? 1 : 0 };
}
