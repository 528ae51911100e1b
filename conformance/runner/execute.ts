/**
 * One driver run: a fresh temporary directory (also the driver's working directory) holding the
 * case file and its junk files, the loader's command under resource limits, and the trace. An
 * I/O or spawn failure is a value naming what went wrong, never an exception.
 *
 * @module
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoweredCase } from '../lower/lower.js';
import type { Loader } from '../loaders/types.js';
import type { Trace } from '../oracle/types.js';
import { type Limits, limitedCommand } from './limits.js';
import { spawnRun } from './spawn.js';
import { toTrace } from './trace.js';

/** The case file's name inside the run's directory. */
export const CASE_FILE = 'case.txt';

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

/** The environment every driver run gets, before the loader's own variables. */
export function baseEnv(): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LC_ALL: 'C' };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs `lowered` on `loader` with `driver`, in a temporary directory removed afterwards. */
export async function runDriver(loader: Loader, driver: string, lowered: LoweredCase, limits: Limits, signal?: AbortSignal): Promise<DriverRun | DriverRunError> {
  let dir: string;
  try {
    dir = await mkdtemp(join(tmpdir(), 'dlspec-run-'));
  } catch (e) {
    return { error: `cannot create a temporary directory: ${message(e)}` };
  }
  try {
    const caseFile = join(dir, CASE_FILE);
    await writeFile(caseFile, lowered.text);
    for (const f of lowered.files) await writeFile(join(dir, f.name), f.bytes);
    const command = loader.command(driver, caseFile);
    const wrapped = limitedCommand(command, limits);
    const raw = await spawnRun({
      file: wrapped.file, args: wrapped.args, cwd: dir, env: { ...baseEnv(), ...command.env }, timeoutMs: limits.timeoutMs,
      ...(signal === undefined ? {} : { signal }),
    });
    if (raw.spawnError !== undefined) return { error: raw.spawnError };
    return { trace: toTrace(raw, limits.timeoutMs), ms: raw.ms, aborted: raw.aborted };
  } catch (e) {
    return { error: `cannot prepare the run in ${dir}: ${message(e)}` };
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
