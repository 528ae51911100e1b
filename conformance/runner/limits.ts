/**
 * Resource limits for a driver run: no core file, a cap on the address space, on CPU time and on
 * the size of any file it writes. The driver sets them itself with setrlimit (DRIVER.md
 * "Running"): from its options when the runner execs it, from the request in a fork-server child.
 * No shell stands between the runner and the driver, so its exit status or signal is its own.
 *
 * @module
 */

/** The limits of one run. */
export interface Limits {
  /** Wall-clock time before the process group is killed, in milliseconds. */
  readonly timeoutMs: number;
  /** RLIMIT_AS, in KiB. */
  readonly memoryKiB: number;
  /** RLIMIT_CPU, in seconds. */
  readonly cpuSeconds: number;
  /** RLIMIT_FSIZE, in KiB: also the most standard output the harness keeps. */
  readonly fileSizeKiB: number;
}

/** The default per-case timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The default address-space limit: 4 GiB. */
export const DEFAULT_MEMORY_KIB = 4 * 1024 * 1024;

/** The default file-size limit: 64 MiB. */
export const DEFAULT_FILE_SIZE_KIB = 64 * 1024;

/** Limits for a timeout: CPU time is the timeout rounded up, plus a second. */
export function limitsFor(timeoutMs = DEFAULT_TIMEOUT_MS, memoryKiB = DEFAULT_MEMORY_KIB, fileSizeKiB = DEFAULT_FILE_SIZE_KIB): Limits {
  return { timeoutMs, memoryKiB, cpuSeconds: Math.ceil(timeoutMs / 1000) + 1, fileSizeKiB };
}

/** The limits as the driver names them (`as`, `cpu`, `fsize`), with their values. */
export function limitFields(limits: Limits): ReadonlyArray<readonly [string, number]> {
  return [['as', Math.floor(limits.memoryKiB)], ['cpu', Math.floor(limits.cpuSeconds)], ['fsize', Math.floor(limits.fileSizeKiB)]];
}

/** The driver's options that set `limits` (`--as=KIB --cpu=S --fsize=KIB`), before the case file. */
export function limitArgs(limits: Limits): string[] {
  return limitFields(limits).map(([key, value]) => `--${key}=${value}`);
}
