/**
 * `dlspec fuzz-elf [--runs N] [--seed S] [--loader L] [--libc DIR] [--only I] [--repro FILE]`:
 * mutated fixture images through the model and every selected loader, one child process per image
 * and loader; prints the counts by verdict and by clause and one line per FAIL with the command
 * that runs that image alone again, and writes reports/fuzz-elf.{json,md}. Exit 0 when no image
 * is FAIL or ERROR, 1 otherwise, 2 on bad input or a harness fault.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isProfileId } from '../model/world/profile.js';
import type { ProfileId } from '../model/world/world.js';
import { failureLines, formatFuzzMarkdown, fuzzReport, summaryLines } from '../conformance/fuzz-elf/report.js';
import { writeFuzzRepro } from '../conformance/fuzz-elf/repro.js';
import { DEFAULT_FUZZ_LOADERS, runElfFuzz } from '../conformance/fuzz-elf/run.js';
import { REPORT_DIR } from './run-command.js';

/** The options of `dlspec fuzz-elf`, as commander gives them. */
export interface FuzzElfCliOptions {
  /** `--runs`. */
  readonly runs?: string;
  /** `--seed`. */
  readonly seed?: string;
  /** `--loader` (repeatable). */
  readonly loader?: readonly string[];
  /** `--libc` (repeatable). */
  readonly libc?: readonly string[];
  /** `--profile`. */
  readonly profile?: string;
  /** `--jobs`. */
  readonly jobs?: string;
  /** `--timeout`, in milliseconds. */
  readonly timeout?: string;
  /** `--only`: one image. */
  readonly only?: string;
  /** `--repro`: with --only, where to write the standalone C program. */
  readonly repro?: string;
}

const positive = (text: string | undefined, min: number): number | undefined | 'bad' => {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min ? n : 'bad';
};

/** Runs `dlspec fuzz-elf`; returns the exit code. */
export async function fuzzElfCommand(root: string, cli: FuzzElfCliOptions, print: (line: string) => void = console.log): Promise<number> {
  const errors: string[] = [];
  const runs = positive(cli.runs, 1);
  const only = positive(cli.only, 0);
  const jobs = positive(cli.jobs, 1);
  const timeout = positive(cli.timeout, 1);
  for (const [name, v] of [['--runs', runs], ['--only', only], ['--jobs', jobs], ['--timeout', timeout]] as const) {
    if (v === 'bad') errors.push(`${name} must be a ${name === '--only' ? 'non-negative' : 'positive'} integer`);
  }
  if (cli.profile !== undefined && !isProfileId(cli.profile)) errors.push(`--profile ${cli.profile} is not a profile`);
  if (cli.repro !== undefined && only === undefined) errors.push('--repro needs --only I: a repro is of one image');
  if (errors.length > 0) {
    for (const e of errors) print(`error: ${e}`);
    return 2;
  }
  const seed = cli.seed ?? '1';
  const libcDirs = (cli.libc ?? []).map((d) => resolve(d));
  const loaders = cli.loader !== undefined && cli.loader.length > 0 ? cli.loader : [...DEFAULT_FUZZ_LOADERS, ...(libcDirs.length > 0 ? ['glibc:*'] : [])];
  let seen = 0;
  let total = 0;
  const outcome = await runElfFuzz({
    root, seed, runs: typeof runs === 'number' ? runs : 100, loaders, libcDirs,
    ...(typeof only === 'number' ? { only } : {}), ...(typeof jobs === 'number' ? { jobs } : {}),
    ...(typeof timeout === 'number' ? { timeoutMs: timeout } : {}), ...(cli.repro === undefined ? {} : { keep: true }), ...(cli.profile === undefined ? {} : { profile: cli.profile as ProfileId }),
  }, {
    onProblem: (m) => print(`problem: ${m}`),
    onPlan: (n, ls) => { total = n; print(`fuzz-elf: ${n} images of seed ${seed} on ${ls.join(', ')}`); },
    onImage: () => { seen += 1; if (total >= 10 && seen % Math.ceil(total / 10) === 0) print(`progress: ${seen}/${total} images`); },
  });
  if (outcome.loaders.length === 0 || outcome.images.length === 0) {
    print('fuzz-elf: no loader could run (see the problems above)');
    return 2;
  }
  const report = fuzzReport(outcome);
  const extra = libcDirs.map((d) => ` --libc ${d}`).join('');
  for (const line of summaryLines(report)) print(line);
  for (const line of failureLines(report, extra)) print(line);
  // One image again (--only) leaves the report of the last full run alone.
  if (only === undefined) {
    const dir = join(root, REPORT_DIR);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fuzz-elf.json'), `${JSON.stringify(report, null, 1)}\n`);
    writeFileSync(join(dir, 'fuzz-elf.md'), formatFuzzMarkdown(report, extra));
    print(`wrote ${REPORT_DIR}/fuzz-elf.json and .md`);
  }
  if (cli.repro !== undefined && typeof only === 'number') {
    const written = await writeFuzzRepro(outcome, resolve(cli.repro));
    print('error' in written ? `error: ${written.error}` : `wrote ${written.file}; build and run: ${written.command}`);
  }
  const bad = outcome.images.some((i) => i.results.some((r) => r.verdict === 'FAIL' || r.verdict === 'ERROR'));
  return bad ? 1 : 0;
}
