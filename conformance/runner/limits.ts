/**
 * Resource limits for a driver run: no core file, a cap on the address space and on CPU time.
 * The command is wrapped in `/bin/sh -c 'ulimit …; exec "$@"'`, so the limits apply to the driver
 * (or the ld.so that starts it) and the shell is gone before the driver runs: its exit status or
 * signal is the driver's own.
 *
 * @module
 */
import type { LoaderCommand } from '../loaders/types.js';

/** The limits of one run. */
export interface Limits {
  /** Wall-clock time before the process group is killed, in milliseconds. */
  readonly timeoutMs: number;
  /** RLIMIT_AS, in KiB. */
  readonly memoryKiB: number;
  /** RLIMIT_CPU, in seconds. */
  readonly cpuSeconds: number;
}

/** The default per-case timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The default address-space limit: 4 GiB. */
export const DEFAULT_MEMORY_KIB = 4 * 1024 * 1024;

/** Limits for a timeout: CPU time is the timeout rounded up, plus a second. */
export function limitsFor(timeoutMs = DEFAULT_TIMEOUT_MS, memoryKiB = DEFAULT_MEMORY_KIB): Limits {
  return { timeoutMs, memoryKiB, cpuSeconds: Math.ceil(timeoutMs / 1000) + 1 };
}

/** `command` wrapped so that it runs under `limits`. */
export function limitedCommand(command: Pick<LoaderCommand, 'file' | 'args'>, limits: Limits): { file: string; args: string[] } {
  const script = `ulimit -c 0; ulimit -v ${Math.floor(limits.memoryKiB)}; ulimit -t ${Math.floor(limits.cpuSeconds)}; exec "$@"`;
  return { file: '/bin/sh', args: ['-c', script, 'sh', command.file, ...command.args] };
}
