/**
 * `dlspec run`'s input, checked before anything else happens (before the spec check, before a
 * build, before a process starts, before a report is touched): every option, every `--libc`
 * directory, every `--loader` selector, the `--case` glob and every case file it selects, and for
 * `--resume` the run directory. A problem is a message naming what and where; the command then
 * exits 2.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from '../conformance/case-file/discover.js';
import { libcDirIds } from '../conformance/loaders/libc-dir.js';
import type { Isolation } from '../conformance/loaders/types.js';
import { MODEL_LOADER_ID } from '../conformance/loaders/model.js';
import { latestUnfinished, readPartial, readRunMeta } from '../conformance/report/run-dir.js';
import type { ResultEntry } from '../conformance/report/types.js';
import { KNOWN_LOADERS, selection } from '../conformance/runner/select.js';

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
  /** `--strict`: an expectations problem makes the exit code 1. */
  readonly strict?: boolean;
  /** `--out DIR`: the run's directory (default reports/runs/<time>-<pid>). */
  readonly out?: string;
  /** `--shard i/n`: only every n-th case, from the i-th. */
  readonly shard?: string;
  /** `--resume [DIR]`: complete an interrupted run (true: the newest one). */
  readonly resume?: string | boolean;
  /** `--isolation fork|exec`: how each case's process is made. */
  readonly isolation?: string;
}

/** A run's input once checked. */
export interface RunInput {
  /** The options (those of the resumed run, for `--resume`). */
  readonly cli: RunCliOptions;
  /** `--jobs` as a number. */
  readonly jobs: number | undefined;
  /** `--timeout` as a number. */
  readonly timeoutMs: number | undefined;
  /** `--shard` parsed. */
  readonly shard: { readonly index: number; readonly count: number } | undefined;
  /** `--isolation` checked. */
  readonly isolation: Isolation | undefined;
  /** For `--resume`: the run directory and the results it already has. */
  readonly resume: { readonly dir: string; readonly results: readonly ResultEntry[] } | undefined;
}

function positive(text: string | undefined, name: string, errors: string[]): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (Number.isSafeInteger(n) && n > 0) return n;
  errors.push(`${name} must be a positive integer, not ${JSON.stringify(text)}`);
  return undefined;
}

/** `--isolation`'s value checked: `fork` or `exec`. */
export function isolationOption(text: string | undefined, errors: string[]): Isolation | undefined {
  if (text === undefined || text === 'fork' || text === 'exec') return text;
  errors.push(`--isolation must be fork or exec, not ${JSON.stringify(text)}`);
  return undefined;
}

function shardOf(text: string | undefined, errors: string[]): RunInput['shard'] {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m !== null && count >= 1 && index >= 1 && index <= count) return { index, count };
  errors.push(`--shard must be i/n with 1 ≤ i ≤ n, not ${JSON.stringify(text)}`);
  return undefined;
}

function checkLibcDirs(dirs: readonly string[], errors: string[]): void {
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) errors.push(`--libc ${dir}: no such directory`);
    else if (!existsSync(join(dir, 'elf', 'ld.so'))) errors.push(`--libc ${dir}: not a glibc build directory (no elf/ld.so in it)`);
  }
}

function checkLoaders(cli: RunCliOptions, errors: string[]): void {
  const known = [MODEL_LOADER_ID, ...Object.keys(KNOWN_LOADERS), ...libcDirIds(cli.libc ?? [])];
  for (const s of selection(cli.loader ?? []).unmatched(known)) {
    errors.push(`--loader ${s}: no such loader (the loaders: ${known.join(', ')}; a glibc build is glibc:<dir name> with --libc DIR)`);
  }
}

function checkCases(root: string, cli: RunCliOptions, errors: string[]): void {
  const loaded = loadCases(root, cli.case);
  if (loaded.length === 0 && cli.case !== undefined) errors.push(`--case ${cli.case}: no case matches`);
  for (const r of loaded) if (!r.ok) errors.push(...r.problems);
}

/** The run to resume and its results, or the problem with it. */
function resumeOf(reportsDir: string, resume: RunCliOptions['resume'], errors: string[]): RunInput['resume'] & { cli?: RunCliOptions } | undefined {
  if (resume === undefined || resume === false) return undefined;
  const dir = resume === true ? latestUnfinished(reportsDir) : resume;
  if (dir === undefined) { errors.push('--resume: no unfinished run under reports/runs'); return undefined; }
  const meta = readRunMeta(dir);
  if ('error' in meta) { errors.push(`--resume: ${meta.error}`); return undefined; }
  if (meta.status === 'complete') { errors.push(`--resume ${dir}: that run is complete`); return undefined; }
  return { dir, results: readPartial(dir), cli: meta.options as RunCliOptions };
}

/** Checks `dlspec run`'s input at `root`; the checked input, or every problem found. */
export function checkRunInput(root: string, reportsDir: string, given: RunCliOptions): RunInput | { readonly errors: readonly string[] } {
  const errors: string[] = [];
  const resume = resumeOf(reportsDir, given.resume, errors);
  // A resumed run runs the rest as the run began; --jobs, --timeout and --isolation may change.
  const cli: RunCliOptions = resume?.cli === undefined ? given
    : {
      ...resume.cli, ...(given.jobs === undefined ? {} : { jobs: given.jobs }), ...(given.timeout === undefined ? {} : { timeout: given.timeout }),
      ...(given.isolation === undefined ? {} : { isolation: given.isolation }),
    };
  const jobs = positive(cli.jobs, '--jobs', errors);
  const timeoutMs = positive(cli.timeout, '--timeout', errors);
  const shard = shardOf(cli.shard, errors);
  const isolation = isolationOption(cli.isolation, errors);
  if (errors.length === 0) {
    checkLibcDirs(cli.libc ?? [], errors);
    checkLoaders(cli, errors);
    checkCases(root, cli, errors);
  }
  if (errors.length > 0) return { errors };
  return { cli, jobs, timeoutMs, shard, isolation, resume: resume === undefined ? undefined : { dir: resume.dir, results: resume.results } };
}
