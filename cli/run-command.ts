/**
 * `dlspec run`: the spec check and the coverage report files, then the conformance run: every
 * case on the model and on every loader found (or those `--loader` names, plus `--libc` build
 * directories), written to reports/latest.{json,md,html,junit.xml}, with the per-loader
 * expectations of conformance/expectations applied (XFAIL, XPASS). The console summary gives the
 * verdict counts per loader, then the largest failure clusters, one line each with its repro
 * command. Every selected case is loaded and checked against the call schema first: a malformed
 * one is reported on standard error (file, step, key) and nothing runs, nothing is written. The
 * exit code is 0 when the run completed, whatever the verdicts; 1 for a malformed case, a harness
 * error (or a failed spec check), and with --strict for an XPASS or an expectations problem.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from '../conformance/case-file/discover.js';
import { expectResults } from '../conformance/expectations/index.js';
import { checkTrace } from '../conformance/oracle/check.js';
import {
  buildReport, clusterLines, dlspecVersion, type ExpectationsSummary, PartialResults, RESULT_FILES, type ResultEntry, SEVERITY, writeResults,
} from '../conformance/report/index.js';
import { loadHtmlSpec } from '../conformance/report/html-data.js';
import { defaultJobs, runConformance, type RunOptions } from '../conformance/runner/index.js';
import { coverageTotals } from '../spec/checks/coverage.js';
import { formatCoverageMarkdown } from '../spec/checks/coverage-format.js';
import { checkProject } from '../conformance/checks/index.js';
import { plainProgress, type ProgressSink, ttyProgress } from './progress.js';

/** Where `dlspec run` writes its reports, relative to the repository root. */
export const REPORT_DIR = 'reports';

/** How many failure clusters the console summary lists (the rest are counted). */
export const CONSOLE_CLUSTERS = 10;

/** The options of `dlspec run`, as commander gives them. */
export interface RunCliOptions {
  /** `--loader`, repeatable: loader ids or globs. */
  readonly loader?: readonly string[];
  /** `--libc`, repeatable: glibc build directories. */
  readonly libc?: readonly string[];
  /** `--case`: a glob over case ids. */
  readonly case?: string;
  /** `--jobs`. */
  readonly jobs?: string;
  /** `--timeout`, in milliseconds. */
  readonly timeout?: string;
  /** `--strict`: an XPASS or an expectations problem makes the exit code 1. */
  readonly strict?: boolean;
}

/** Where the command writes: lines, and a terminal for the progress bar when there is one. */
export interface RunIo {
  /** Prints one line. */
  readonly print: (line: string) => void;
  /** Prints one line to standard error; default `console.error`. */
  readonly printError?: (line: string) => void;
  /** The terminal, when standard output is one. */
  readonly tty?: NodeJS.WriteStream;
}

/** The spec check and the coverage files; returns the spec check's exit code. */
async function specAndCoverage(root: string, threadPath: string | undefined, print: (line: string) => void): Promise<number> {
  const { report, exitCode } = await checkProject(root, { threadPath });
  const dir = join(root, REPORT_DIR);
  mkdirSync(dir, { recursive: true });
  const data = { rows: report.coverage, totals: coverageTotals(report.coverage) };
  writeFileSync(join(dir, 'coverage.json'), `${JSON.stringify(data, null, 2)}\n`);
  writeFileSync(join(dir, 'coverage.md'), `# Clause coverage\n\n${formatCoverageMarkdown(report.coverage)}\n`);
  print(`wrote ${REPORT_DIR}/coverage.json and ${REPORT_DIR}/coverage.md`);
  return exitCode;
}

/** A positive integer option, or the message saying it is not one. */
function positive(text: string | undefined, name: string): number | undefined | { readonly error: string } {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : { error: `${name} must be a positive integer, not ${JSON.stringify(text)}` };
}

/**
 * Loads every case `--case` selects and reports the malformed ones (each problem naming the file,
 * and for a step its number, call type and key) through `io.printError`; returns whether all are
 * well-formed.
 */
export function checkSelectedCases(root: string, cli: RunCliOptions, io: RunIo): boolean {
  const malformed = loadCases(root, cli.case).flatMap((r) => (r.ok ? [] : [r]));
  if (malformed.length === 0) return true;
  const printError = io.printError ?? ((line: string) => console.error(line));
  for (const m of malformed) for (const p of m.problems) printError(`error: ${p}`);
  const files = `${malformed.length} malformed case file${malformed.length === 1 ? '' : 's'}`;
  printError(`dlspec run: ${files}: nothing was run and ${REPORT_DIR}/latest.* are unchanged`);
  return false;
}

/** Runs the conformance suite and writes its results, once every selected case is well-formed; returns the exit code. */
export async function runConformanceCommand(root: string, cli: RunCliOptions, io: RunIo): Promise<number> {
  return checkSelectedCases(root, cli, io) ? runChecked(root, cli, io) : 1;
}

/** Runs the conformance suite on cases already checked and writes its results; returns the exit code. */
async function runChecked(root: string, cli: RunCliOptions, io: RunIo): Promise<number> {
  const jobs = positive(cli.jobs, '--jobs');
  const timeout = positive(cli.timeout, '--timeout');
  for (const v of [jobs, timeout]) if (typeof v === 'object') { io.print(`error: ${v.error}`); return 1; }
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  const dir = join(root, REPORT_DIR);
  const partial = new PartialResults(dir);
  const progress: ProgressSink = io.tty === undefined ? plainProgress(io.print) : ttyProgress(io.tty);
  const options: RunOptions = {
    root, check: checkTrace, loaders: cli.loader ?? [], libcDirs: cli.libc ?? [], signal: abort.signal,
    ...(cli.case === undefined ? {} : { caseGlob: cli.case }),
    ...(typeof jobs === 'number' ? { jobs } : {}), ...(typeof timeout === 'number' ? { timeoutMs: timeout } : {}),
  };
  let outcome;
  try {
    outcome = await runConformance(options, {
      onPlan: (n) => progress.plan(n),
      onResult: (r) => { partial.add(r); progress.result(r); },
      onProblem: (m) => progress.note(`problem: ${m}`),
    });
  } catch (e) {
    progress.done();
    io.print(`error: the harness failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    io.print(`the results gathered so far are in ${REPORT_DIR}/${RESULT_FILES.partial}`);
    return 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  progress.done();
  const expected = expectResults(root, outcome.loaders.map((l) => l.id), outcome.results);
  const report = buildReport({ ...outcome, results: expected.results }, options, options.jobs ?? defaultJobs(), dlspecVersion(root), expected.summary);
  for (const l of report.loaders) {
    const counts = SEVERITY.flatMap((k) => { const n = report.summary.byLoader[l.id]?.[k]; return n === undefined ? [] : [`${k} ${n}`]; });
    io.print(`${l.id.padEnd(24)} ${counts.length === 0 ? 'no results' : counts.join(', ')}`);
  }
  const clusters = report.clusters ?? [];
  if (clusters.length > 0) {
    io.print(`failure clusters (${clusters.length}, largest first; every one in ${REPORT_DIR}/${RESULT_FILES.markdown}):`);
    for (const line of clusterLines(clusters, CONSOLE_CLUSTERS)) io.print(`  ${line}`);
  }
  const spec = loadHtmlSpec(root);
  for (const p of spec.problems) io.print(`warning: results.html: ${p}`);
  const written = writeResults(dir, report, spec.spec);
  if (written !== undefined) { io.print(`error: ${written}`); return 1; }
  partial.remove();
  const files = [RESULT_FILES.json, RESULT_FILES.markdown, RESULT_FILES.html, RESULT_FILES.junit].map((f) => `${REPORT_DIR}/${f}`);
  io.print(`wrote ${files.join(', ')} (${report.results.length} results)`);
  if (partial.error !== undefined) io.print(`warning: ${partial.error}`);
  const strictFailure = printExpectations(expected.summary, expected.results, io.print) && cli.strict === true;
  if (outcome.interrupted) { io.print('interrupted: the results hold what ran before the interruption'); return 130; }
  return report.problems.length > 0 || strictFailure ? 1 : 0;
}

/** Prints what the expectations did; returns whether there is an XPASS or a problem (an error under --strict). */
function printExpectations(summary: ExpectationsSummary, results: readonly ResultEntry[], print: (line: string) => void): boolean {
  if (summary.files.length === 0) return false;
  print(`expectations (${summary.files.join(', ')}): ${summary.xfail} XFAIL, ${summary.xpass} XPASS, ${summary.changed} changed failure(s), ${summary.problems.length} problem(s)`);
  for (const r of results) if (r.verdict === 'XPASS' || (r.verdict === 'FAIL' && r.note !== undefined)) print(`  ${r.verdict} ${r.case} [${r.loader}, ${r.profile ?? '-'}]: ${r.note ?? ''}`);
  for (const p of summary.problems) print(`  problem: ${p}`);
  return summary.xpass > 0 || summary.problems.length > 0;
}

/** `dlspec run`: the selected cases' check, the spec check, then the conformance run; returns the exit code. */
export async function runAll(root: string, threadPath?: string, cli: RunCliOptions = {}, io?: RunIo): Promise<number> {
  const out: RunIo = io ?? { print: (line) => console.log(line), ...(process.stdout.isTTY ? { tty: process.stdout } : {}) };
  if (!checkSelectedCases(root, cli, out)) return 1;
  const spec = await specAndCoverage(root, threadPath, out.print);
  const conformance = await runChecked(root, cli, out);
  return spec !== 0 ? spec : conformance;
}
