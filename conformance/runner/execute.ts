/**
 * One driver run: a fresh temporary directory (the driver's working directory and TMPDIR, in
 * /dev/shm when it can be) holding the case file and its junk files, a clean environment (PATH,
 * LC_ALL=C, TMPDIR and the loader's own variables), the limits, and the trace. The process is a
 * child of a warm fork server (`fork`, the default) or the driver started afresh by exec under the
 * loader (`exec`: by a launcher, or by Node itself when no servers are given). An I/O or spawn
 * failure is a value naming what went wrong, never an exception.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoweredCase } from '../lower/lower.js';
import type { Isolation, Loader } from '../loaders/types.js';
import type { Trace } from '../oracle/types.js';
import { type Limits, limitArgs } from './limits.js';
import type { ServedRun } from './fork-server.js';
import type { ServerPool } from './servers.js';
import { type RawRun, spawnRun } from './spawn.js';
import { toTrace } from './trace.js';

/** The case file's name inside the run's directory. */
export const CASE_FILE = 'case.txt';

/** Where the driver's standard output and error go, inside its directory. */
export const OUTPUT_FILES = { out: '.stdout', err: '.stderr' } as const;


/** The isolation a run uses unless told otherwise. */
export const DEFAULT_ISOLATION: Isolation = 'fork';

/** A finished run: its trace and how long it took. */
export interface DriverRun {
  /** The trace. */
  readonly trace: Trace;
  /** Wall-clock milliseconds of the driver process. */
  readonly ms: number;
  /** Whether the run was cut short by the abort signal. */
  readonly aborted: boolean;
}

/** A run that could not happen. */
export interface DriverRunError {
  /** What went wrong. */
  readonly error: string;
}

/** How to run: the abort signal, the run's servers and the isolation. */
export interface RunHow {
  /** Stops the run and kills its process. */
  readonly signal?: AbortSignal;
  /** The run's servers; without them Node itself spawns the driver (by exec). */
  readonly servers?: ServerPool;
  /**
   * With servers: `fork` (the default) runs the case in a child of a fork server started under the
   * loader; `exec` has a launcher (the driver serving, started directly) fork a child that execs
   * the loader's command afresh, so that Node's main thread, which waits in every spawn of its own
   * until the child has exec'd, does not bound the rate.
   */
  readonly isolation?: Isolation;
}

/**
 * Where cases' directories are made: /dev/shm when it is a writable directory (a tmpfs: making and
 * removing a directory there costs a fraction of what it costs on a disk), else the system's
 * temporary directory.
 */
export const CASE_DIR_ROOT: string = ((): string => {
  try {
    if (statSync('/dev/shm').isDirectory()) {
      accessSync('/dev/shm', constants.W_OK);
      return '/dev/shm';
    }
  } catch { /* not there, or not ours to write */ }
  return tmpdir();
})();

/** The environment every driver run gets, before the loader's own variables: `dir` is its TMPDIR. */
export function baseEnv(dir: string): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LC_ALL: 'C', TMPDIR: dir };
}

/**
 * Removes a case's directory: the files the run put there, then the directory; should the case
 * have left anything else, the whole tree.
 */
function removeCaseDir(dir: string, names: readonly string[]): void {
  try {
    for (const name of names) {
      try { unlinkSync(join(dir, name)); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; }
    }
    rmdirSync(dir);
  } catch {
    try { rmSync(dir, { recursive: true, force: true }); } catch { /* a leftover directory in tmp is harmless */ }
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The longest case text, in UTF-8 bytes, a request to a server carries; a longer one goes in a
 * file the runner writes. Encoded (a byte becomes at most three), it stays well within the
 * server's 1 MiB request line (REQUEST_MAX in serve.c).
 */
export const INLINE_TEXT_MAX = 256 * 1024;

/** This process's part of its cases' directory names, so that no other run's can be the same. */
const RUN_TOKEN = randomBytes(6).toString('hex');
let runCount = 0;

/** A fresh name for a case's directory (made by the server, or by the runner when it has files to put there). */
function caseDirName(): string {
  runCount += 1;
  return join(CASE_DIR_ROOT, `dlspec-run-${RUN_TOKEN}-${runCount.toString(36)}`);
}

/** The files of `dir` the driver's standard output and error go to. */
function outputFiles(dir: string): { readonly out: string; readonly err: string } {
  return { out: join(dir, OUTPUT_FILES.out), err: join(dir, OUTPUT_FILES.err) };
}

/**
 * Runs `lowered` through a server of `servers`: the server makes the case's directory, writes the
 * case file and removes the directory afterwards, unless the case has files of its own (or a text
 * too long for a request): the runner then makes the directory and writes them first. In `fork`
 * isolation the server runs under the loader and its child runs the case; in `exec` the server is
 * a launcher and its child execs the loader's command.
 */
async function runServed(dir: string, loader: Loader, driver: string, lowered: LoweredCase, limits: Limits, how: RunHow & { servers: ServerPool }): Promise<ServedRun | { readonly problem: string }> {
  const made = lowered.files.length > 0 || Buffer.byteLength(lowered.text) > INLINE_TEXT_MAX;
  const fork = (how.isolation ?? DEFAULT_ISOLATION) === 'fork';
  const command = loader.command(driver, fork ? ['--serve'] : [...limitArgs(limits), CASE_FILE]);
  const req = {
    dir, made, ...(made ? {} : { text: lowered.text }), ...outputFiles(dir), env: { ...baseEnv(dir), ...command.env }, limits,
    ...(how.signal === undefined ? {} : { signal: how.signal }),
  };
  try {
    if (made) {
      mkdirSync(dir, { mode: 0o700 });
      writeFileSync(join(dir, CASE_FILE), lowered.text);
      for (const f of lowered.files) writeFileSync(join(dir, f.name), f.bytes);
    }
    return fork ? await how.servers.run(command, { ...req, run: { caseFile: CASE_FILE } })
      : await how.servers.run({ file: driver, args: ['--serve'] }, { ...req, run: { exec: command.file, argv: [command.file, ...command.args] } }, {});
  } catch (e) {
    return { problem: `cannot prepare the run in ${dir}: ${message(e)}` };
  }
}

/** Runs the case file in `dir` on `loader`, spawned by Node itself. */
function runSpawned(dir: string, loader: Loader, driver: string, limits: Limits, how: RunHow): Promise<RawRun> {
  const command = loader.command(driver, [...limitArgs(limits), join(dir, CASE_FILE)]);
  return spawnRun({
    file: command.file, args: command.args, cwd: dir, ...outputFiles(dir), env: { ...baseEnv(dir), ...command.env },
    timeoutMs: limits.timeoutMs, maxOutput: limits.fileSizeKiB * 1024, ...(how.signal === undefined ? {} : { signal: how.signal }),
  });
}

/** The run's result from what its process did. */
function driverRun(raw: RawRun | { readonly problem: string }, limits: Limits): DriverRun | DriverRunError {
  if ('problem' in raw) return { error: raw.problem };
  if (raw.spawnError !== undefined) return { error: raw.spawnError };
  return { trace: toTrace(raw, limits.timeoutMs), ms: raw.ms, aborted: raw.aborted };
}

/** Runs `lowered` on `loader` with `driver`, in a temporary directory removed afterwards. */
export async function runDriver(loader: Loader, driver: string, lowered: LoweredCase, limits: Limits, how: RunHow = {}): Promise<DriverRun | DriverRunError> {
  if (how.servers !== undefined) {
    const dir = caseDirName();
    const raw = await runServed(dir, loader, driver, lowered, limits, { ...how, servers: how.servers });
    // The server removes the directory once it has answered; otherwise it is the runner's to remove.
    if ('problem' in raw || !raw.dirRemoved) {
      try { rmSync(dir, { recursive: true, force: true }); } catch { /* a leftover directory in tmp is harmless */ }
    }
    return driverRun(raw, limits);
  }
  let dir: string;
  try {
    dir = mkdtempSync(join(CASE_DIR_ROOT, 'dlspec-run-'));
  } catch (e) {
    return { error: `cannot create a temporary directory: ${message(e)}` };
  }
  try {
    writeFileSync(join(dir, CASE_FILE), lowered.text);
    for (const f of lowered.files) writeFileSync(join(dir, f.name), f.bytes);
    return driverRun(await runSpawned(dir, loader, driver, limits, how), limits);
  } catch (e) {
    return { error: `cannot prepare the run in ${dir}: ${message(e)}` };
  } finally {
    removeCaseDir(dir, [CASE_FILE, ...lowered.files.map((f) => f.name), OUTPUT_FILES.out, OUTPUT_FILES.err]);
  }
}
