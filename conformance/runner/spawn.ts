/**
 * Running one driver process: its own process group (so a timeout kills everything it started),
 * standard output and error collected, a wall-clock timeout, an output cap, and an abort signal.
 * Nothing here throws or rejects: a process that cannot start is a `spawnError`.
 *
 * @module
 */
import { spawn } from 'node:child_process';

/** What to run. */
export interface SpawnRequest {
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
  /** Kill it when standard output grows past this many bytes (default 64 MiB). */
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
  /** Whether it was killed for writing too much. */
  readonly outputCapped: boolean;
  /** Whether the abort signal killed it. */
  readonly aborted: boolean;
  /** Why it could not be started, if it could not. */
  readonly spawnError?: string;
  /** Wall-clock milliseconds. */
  readonly ms: number;
}

/** How much of standard error a run keeps (its end). */
export const STDERR_KEEP = 64 * 1024;

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
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = Buffer.alloc(0);
    let timedOut = false;
    let outputCapped = false;
    let aborted = false;
    let exited: { code: number | null; signal: string | null } | undefined;
    let done = false;
    const child = spawn(req.file, [...req.args], { cwd: req.cwd, env: { ...req.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const finish = (spawnError?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      killGroup(child.pid); // whatever the driver left behind
      resolve({
        stdout: Buffer.concat(out).toString('utf8'), stderr: err.toString('utf8'), code: exited?.code ?? null,
        signal: exited?.signal ?? null, timedOut, outputCapped, aborted, ms: performance.now() - started,
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    };
    const timer = setTimeout(() => { if (exited === undefined) timedOut = true; killGroup(child.pid); }, req.timeoutMs);
    const onAbort = (): void => { aborted = true; killGroup(child.pid); };
    if (req.signal?.aborted === true) onAbort();
    req.signal?.addEventListener('abort', onAbort);
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes + chunk.length > maxOutput) { outputCapped = true; killGroup(child.pid); return; }
      out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = Buffer.concat([err, chunk]);
      if (err.length > STDERR_KEEP) err = err.subarray(err.length - STDERR_KEEP);
    });
    child.on('error', (error) => finish(`cannot start ${req.file}: ${error.message}`));
    child.on('exit', (code, signal) => { exited = { code, signal }; });
    child.on('close', (code, signal) => { exited ??= { code, signal }; finish(); });
  });
}
