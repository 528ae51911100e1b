/**
 * Running a tool and collecting its output as a value: a build never throws because a compiler
 * failed, was missing, or printed warnings.
 *
 * @module
 */
import { spawn } from 'node:child_process';

/** What a finished (or unstartable) command produced. */
export interface ExecResult {
  /** Exit status; `null` when the process could not start or died by a signal. */
  readonly code: number | null;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error, or the reason the process could not start. */
  readonly stderr: string;
}

/** Runs `command args` in `cwd` (default: the current directory) and resolves with its output. */
export function run(command: string, args: readonly string[], cwd?: string): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => resolve({ code: null, stdout: '', stderr: error.message }));
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** The command line as a shell would show it, for error reports. */
export function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
