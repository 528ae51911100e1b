/**
 * `dlspec repro CASE --loader L [--profile P] [--out FILE] [--libc DIR] [--keep-going]`: runs the
 * case once on the loader, writes a standalone C program that reproduces its verdict, and prints
 * the verdict, the file, the command that builds and runs it, and what its exit status means.
 * Exit code 0 when the program was written, 1 otherwise.
 *
 * @module
 */
import { makeRepro } from '../conformance/repro/index.js';

/** The options of `dlspec repro`, as commander gives them. */
export interface ReproCliOptions {
  /** `--loader`. */
  readonly loader?: string;
  /** `--profile`. */
  readonly profile?: string;
  /** `--out`. */
  readonly out?: string;
  /** `--libc`. */
  readonly libc?: string;
  /** `--keep-going`. */
  readonly keepGoing?: boolean;
  /** `--timeout`, in milliseconds. */
  readonly timeout?: string;
}

/** `dlspec repro`; returns the exit code. */
export async function runReproCommand(root: string, caseId: string, cli: ReproCliOptions, print: (line: string) => void, cwd?: string): Promise<number> {
  const timeoutMs = cli.timeout === undefined ? undefined : Number(cli.timeout);
  if (timeoutMs !== undefined && !(Number.isSafeInteger(timeoutMs) && timeoutMs > 0)) {
    print(`error: --timeout must be a positive integer, not ${JSON.stringify(cli.timeout)}`);
    return 1;
  }
  const repro = await makeRepro({
    root, caseId, ...(cli.loader === undefined ? {} : { loader: cli.loader }), ...(cli.libc === undefined ? {} : { libc: cli.libc }),
    ...(cli.profile === undefined ? {} : { profile: cli.profile }), ...(cli.out === undefined ? {} : { out: cli.out }),
    ...(cwd === undefined ? {} : { cwd }), ...(timeoutMs === undefined ? {} : { timeoutMs }), keepGoing: cli.keepGoing === true,
  });
  if ('error' in repro) {
    print(`error: ${repro.error}`);
    return 1;
  }
  const { entry } = repro;
  const d = entry.divergence;
  const where = `${entry.case} on ${entry.loader}, profile ${entry.profile ?? '-'}`;
  if (d === undefined) {
    print(`${where}: ${entry.verdict}. The program runs every step and exits 0 on a loader that behaves the same.`);
  } else {
    print(`${where}: FAIL at step ${d.step} (${d.kind}): ${d.call}`);
    print(`  observed: ${d.observed}`);
    for (const a of d.allowed) print(`  allowed:  ${a.replace(/\s*\n\s*/g, ' · ')}`);
    print(`  why:      ${d.detail}`);
    print(`  clauses:  ${d.clauses.join(', ')}`);
  }
  print(`wrote ${repro.file}`);
  print('build and run:');
  print(`  ${repro.command}`);
  print('expect:');
  for (const e of repro.expectations) print(`  - ${e}`);
  return 0;
}
