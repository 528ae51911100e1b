/**
 * Running one process by exec: its own process group (so a timeout kills everything it started),
 * standard input from /dev/null, standard output and error to two files (no pipes: a spawn with
 * pipes costs Node's main thread more than the spawn itself), a wall-clock timeout, and an abort
 * signal. Nothing here throws or rejects: a process that cannot start is a `spawnError`.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { type OutputFiles, readOutput } from './output.js';

/** What to run. */
export interface SpawnRequest extends OutputFiles {
  /** The program. */
  readonly file: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Its working directory. */
  readonly cwd: string;
  /** Its whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Kill the process group after this many milliseconds. */
  readonly timeoutMs: number;
  /** The most standard output kept (default 64 MiB); the driver's own RLIMIT_FSIZE stops it there. */
  readonly maxOutput?: number;
  /** Kill it when this signal aborts. */
  readonly signal?: AbortSignal;
}

/** What the process did. */
export interface RawRun {
  /** Standard output (up to the cap). */
  readonly stdout: string;
  /** The tail of standard error (the last 64 KiB). */
  readonly stderr: string;
  /** Exit status, or null when it died by a signal. */
  readonly code: number | null;
  /** The signal that ended it (`SIGSEGV` …), or null. */
  readonly signal: string | null;
  /** Whether the timeout killed it. */
  readonly timedOut: boolean;
  /** Whether its output reached the cap. */
  readonly outputCapped: boolean;
  /** Whether the abort signal killed it. */
  readonly aborted: boolean;
  /** Why it could not be started, if it could not. */
  readonly spawnError?: string;
  /** Wall-clock milliseconds. */
  readonly ms: number;
}

/** Kills process group `pid` (a process started detached, and everything it started in its group). */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
}

/** Runs `req` to its end and resolves with what happened. */
export function spawnRun(req: SpawnRequest): Promise<RawRun> {
  const started = performance.now();
  const maxOutput = req.maxOutput ?? 64 * 1024 * 1024;
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let done = false;
    let fds: number[] = [];
    const close = (): void => { for (const fd of fds) closeSync(fd); fds = []; };
    const finish = (code: number | null, signal: string | null, spawnError?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      killGroup(child?.pid); // whatever it left behind
      close();
      resolve({
        ...readOutput(req, maxOutput), code, signal, timedOut, aborted, ms: performance.now() - started,
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    };
    const onAbort = (): void => { aborted = true; killGroup(child?.pid); };
    const timer = setTimeout(() => { timedOut = true; killGroup(child?.pid); }, req.timeoutMs);
    let child: ReturnType<typeof spawn> | undefined;
    try {
      fds = [openSync(req.out, 'w'), openSync(req.err, 'w')];
      child = spawn(req.file, [...req.args], { cwd: req.cwd, env: { ...req.env }, detached: true, stdio: ['ignore', fds[0] as number, fds[1] as number] });
    } catch (e) {
      finish(null, null, `cannot start ${req.file}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    close(); // the child has its own copies
    if (req.signal?.aborted === true) onAbort();
    req.signal?.addEventListener('abort', onAbort);
    child.on('error', (error) => finish(null, null, `cannot start ${req.file}: ${error.message}`));
    child.on('exit', (code, signal) => finish(code, signal));
  });
}
