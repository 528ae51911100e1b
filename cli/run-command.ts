/**
 * `dlspec run`: the input checked first (cli/run-input.ts: options, `--libc` directories,
 * `--loader` selectors, the `--case` glob and every case file; exit 2 on any problem, nothing
 * touched), a one-line spec check, then the conformance run: every case on the model and on every
 * loader found (or those `--loader` names, plus `--libc` build directories), into its own run
 * directory (conformance/report/run-dir.ts), with the per-loader expectations applied (XFAIL,
 * XPASS). Only a complete run becomes reports/latest; an interrupted one stays partial for
 * `--resume`. The console gives the verdict counts per loader, the largest failure clusters with
 * their repro commands, and the reasons of ERROR results.
 *
 * Exit codes: 0 when every result is PASS, XFAIL, UNSPECIFIED or UNSUPPORTED; 1 when any is
 * FAIL, XPASS or ERROR (and with --strict, an expectations problem); 2 for bad input or a harness
 * fault (a loader asked for that cannot be set up, a failed build, a failed spec check); 130 when
 * interrupted.
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { replaceFile } from './files.js';
import { join } from 'node:path';
import { expectResults } from '../conformance/expectations/index.js';
import { checkTrace } from '../conformance/oracle/check.js';
import {
  buildReport, clusterLines, dlspecVersion, type ExpectationsSummary, PartialResults, type ResultEntry, SEVERITY, writeResults,
} from '../conformance/report/index.js';
import { loadHtmlSpec } from '../conformance/report/html-data.js';
import { createRunDir, publishLatest, runName, writeRunMeta } from '../conformance/report/run-dir.js';
import { defaultJobs, runConformance, type RunOptions } from '../conformance/runner/index.js';
import { doneKey } from '../conformance/runner/run.js';
import { coverageTotals } from '../spec/checks/coverage.js';
import { formatCoverageMarkdown } from '../spec/checks/coverage-format.js';
import { checkProject } from '../conformance/checks/index.js';
import { plainProgress, type ProgressSink, ttyProgress } from './progress.js';
import { type RunCliOptions, type RunInput, checkRunInput } from './run-input.js';

export type { RunCliOptions } from './run-input.js';

/** Where `dlspec run` writes its reports, relative to the repository root. */
export const REPORT_DIR = 'reports';

/** How many failure clusters the console summary lists (the rest are counted). */
export const CONSOLE_CLUSTERS = 10;

/** The verdicts a run may end with and still exit 0. */
const CLEAN: ReadonlySet<string> = new Set(['PASS', 'XFAIL', 'UNSPECIFIED', 'UNSUPPORTED']);

/** Where the command writes: lines, and a terminal for the progress bar when there is one. */
export interface RunIo {
  /** Prints one line. */
  readonly print: (line: string) => void;
  /** Prints one line to standard error; default `console.error`. */
  readonly printError?: (line: string) => void;
  /** The terminal, when standard output is one. */
  readonly tty?: NodeJS.WriteStream;
  /** Stops the run as SIGINT does (tests). */
  readonly signal?: AbortSignal;
}

/** The spec check, in one line (its table is `dlspec spec check`'s), and the coverage files; returns whether it passed. */
async function specLine(root: string, threadPath: string | undefined, print: (line: string) => void): Promise<boolean> {
  const { report, exitCode } = await checkProject(root, { threadPath, print: () => undefined });
  const dir = join(root, REPORT_DIR);
  mkdirSync(dir, { recursive: true });
  replaceFile(join(dir, 'coverage.json'), `${JSON.stringify({ rows: report.coverage, totals: coverageTotals(report.coverage) }, null, 2)}\n`);
  replaceFile(join(dir, 'coverage.md'), `# Clause coverage\n\n${formatCoverageMarkdown(report.coverage)}\n`);
  const failing = report.results.filter((r) => r.problems.length > 0);
  if (failing.length === 0) {
    print(`spec check: all ${report.results.length} checks passed (coverage in ${REPORT_DIR}/coverage.md)`);
    return true;
  }
  print(`spec check: ${failing.map((r) => `${r.check} (${r.problems.length})`).join(', ')} failed; \`dlspec spec check\` says where`);
  return exitCode === 0;
}

/** The exit code the results call for: 0 clean, 1 any FAIL, XPASS or ERROR. */
export function verdictExit(results: readonly ResultEntry[]): 0 | 1 {
  return results.every((r) => CLEAN.has(r.verdict)) ? 0 : 1;
}

/** Prints the ERROR results' reasons, grouped (a harness or case fault is never silent). */
function printErrors(results: readonly ResultEntry[], print: (line: string) => void): void {
  const byReason = new Map<string, string[]>();
  for (const r of results) if (r.verdict === 'ERROR') byReason.set(r.reason ?? '?', [...(byReason.get(r.reason ?? '?') ?? []), `${r.case} [${r.loader}, ${r.profile ?? '-'}]`]);
  if (byReason.size === 0) return;
  print(`errors (${[...byReason.values()].reduce((n, l) => n + l.length, 0)}):`);
  for (const [reason, where] of byReason) print(`  ${where.length}× ${reason}  (${where.slice(0, 2).join(', ')}${where.length > 2 ? ', …' : ''})`);
}

/** Runs the conformance suite on checked input into its run directory; returns the exit code. */
async function runChecked(root: string, input: RunInput, io: RunIo): Promise<number> {
  const { cli } = input;
  const reports = join(root, REPORT_DIR);
  const dir = input.resume?.dir ?? createRunDir(reports, { ...cli }, cli.out);
  const started = new Date();
  if (input.resume !== undefined) writeRunMeta(dir, { status: 'running', started: started.toISOString(), options: { ...cli } });
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  io.signal?.addEventListener('abort', onSigint);
  const previous = input.resume?.results ?? [];
  const partial = new PartialResults(dir, input.resume !== undefined);
  const progress: ProgressSink = io.tty === undefined ? plainProgress(io.print) : ttyProgress(io.tty);
  const options: RunOptions = {
    root, check: checkTrace, loaders: cli.loader ?? [], libcDirs: cli.libc ?? [], signal: abort.signal,
    ...(cli.case === undefined ? {} : { caseGlob: cli.case }), ...(input.shard === undefined ? {} : { shard: input.shard }),
    ...(input.jobs === undefined ? {} : { jobs: input.jobs }), ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.isolation === undefined ? {} : { isolation: input.isolation }),
    ...(previous.length === 0 ? {} : { done: new Set(previous.map((r) => doneKey(r.case, r.loader))) }),
  };
  const name = runName(root, dir);
  let outcome;
  try {
    outcome = await runConformance(options, {
      onPlan: (n) => progress.plan(n),
      onResult: (r) => { partial.add(r); progress.result(r); },
      onProblem: (m) => progress.note(`problem: ${m}`),
    });
  } catch (e) {
    progress.done();
    writeRunMeta(dir, { status: 'partial', started: started.toISOString(), options: { ...cli } });
    io.print(`error: the harness failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    io.print(`the results gathered so far are in ${name}; \`dlspec run --resume ${name}\` completes the run`);
    return 2;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  progress.done();
  if (outcome.interrupted) {
    writeRunMeta(dir, { status: 'partial', started: started.toISOString(), options: { ...cli } });
    io.print(`interrupted: ${previous.length + outcome.results.length} results are in ${name}; ${REPORT_DIR}/latest is unchanged; \`dlspec run --resume ${name}\` completes the run`);
    return 130;
  }
  const all = [...previous, ...outcome.results];
  const expected = expectResults(root, outcome.loaders.map((l) => l.id), all);
  const report = buildReport({ ...outcome, results: expected.results }, options, options.jobs ?? defaultJobs(), dlspecVersion(root), expected.summary);
  // Per loader: its counts, then its failures grouped by cause, largest first, each with a repro command.
  const clusters = report.clusters ?? [];
  for (const l of report.loaders) {
    const counts = SEVERITY.flatMap((k) => { const n = report.summary.byLoader[l.id]?.[k]; return n === undefined ? [] : [`${k} ${n}`]; });
    io.print(`${l.id.padEnd(24)} ${counts.length === 0 ? 'no results' : counts.join(', ')}`);
    for (const line of clusterLines(clusters.filter((c) => c.loader === l.id), CONSOLE_CLUSTERS)) io.print(`    ${line}`);
  }
  if (clusters.length > 0) io.print(`(${clusters.length} failure clusters in all; every one in ${REPORT_DIR}/latest.md)`);
  printErrors(report.results, io.print);
  for (const p of report.problems) io.print(`problem: ${p}`);
  const spec = loadHtmlSpec(root);
  for (const p of spec.problems) io.print(`warning: results.html: ${p}`);
  const written = writeResults(dir, report, spec.spec);
  if (written !== undefined) { io.print(`error: ${written}`); return 2; }
  writeRunMeta(dir, { status: 'complete', started: started.toISOString(), options: { ...cli } });
  partial.remove();
  publishLatest(reports, dir);
  io.print(`wrote ${name} (${report.results.length} results); ${REPORT_DIR}/latest and ${REPORT_DIR}/latest.{json,md,html,junit.xml} now show it`);
  if (partial.error !== undefined) io.print(`warning: ${partial.error}`);
  const strictFailure = printExpectations(expected.summary, expected.results, io.print) && cli.strict === true;
  if (report.problems.length > 0) return 2;
  return strictFailure ? 1 : verdictExit(report.results);
}

/** Prints what the expectations did; returns whether there is an XPASS or a problem (an error under --strict). */
function printExpectations(summary: ExpectationsSummary, results: readonly ResultEntry[], print: (line: string) => void): boolean {
  if (summary.files.length === 0) return false;
  print(`expectations (${summary.files.join(', ')}): ${summary.xfail} XFAIL, ${summary.xpass} XPASS, ${summary.changed} changed failure(s), ${summary.problems.length} problem(s)`);
  for (const r of results) if (r.verdict === 'XPASS' || (r.verdict === 'FAIL' && r.note !== undefined)) print(`  ${r.verdict} ${r.case} [${r.loader}, ${r.profile ?? '-'}]: ${r.note ?? ''}`);
  for (const p of summary.problems) print(`  problem: ${p}`);
  return summary.xpass > 0 || summary.problems.length > 0;
}

/** The checked input, or undefined once its problems are printed on standard error. */
function checkedInput(root: string, cli: RunCliOptions, io: RunIo): RunInput | undefined {
  const input = checkRunInput(root, join(root, REPORT_DIR), cli);
  if (!('errors' in input)) return input;
  const printError = io.printError ?? ((line: string) => console.error(line));
  for (const e of input.errors) printError(`error: ${e}`);
  printError(`dlspec run: nothing was run and ${REPORT_DIR}/latest is unchanged`);
  return undefined;
}

/** The conformance run alone (no spec check), after the input check; returns the exit code. */
export async function runConformanceCommand(root: string, cli: RunCliOptions, io: RunIo): Promise<number> {
  const input = checkedInput(root, cli, io);
  return input === undefined ? 2 : runChecked(root, input, io);
}

/** `dlspec run`: the input check, the spec check, then the conformance run; returns the exit code. */
export async function runAll(root: string, threadPath?: string, cli: RunCliOptions = {}, io?: RunIo): Promise<number> {
  const out: RunIo = io ?? { print: (line) => console.log(line), ...(process.stdout.isTTY ? { tty: process.stdout } : {}) };
  const input = checkedInput(root, cli, out);
  if (input === undefined) return 2;
  if (!(await specLine(root, threadPath, out.print))) return 2;
  return runChecked(root, input, out);
}
