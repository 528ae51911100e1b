/**
 * The values conformance/build/ returns: builds succeed with paths and a hash, or fail with the
 * compiler's own words. Nothing here is thrown.
 *
 * @module
 */
import type { CompilerName } from './compiler.js';

/** One failed compile or link. */
export interface CompileError {
  /** The source file that failed (a name in the source directory), or `link`, `fixtures.yaml`, … */
  readonly source: string;
  /** The command that ran, when one did. */
  readonly command?: string;
  /** What the compiler (or the build) said. */
  readonly output: string;
}

/** A failed build. */
export interface BuildFailure {
  /** Discriminant. */
  readonly ok: false;
  /** Every error found (all sources are compiled even when one fails). */
  readonly errors: readonly CompileError[];
}

/** Options every build takes. */
export interface BuildOptions {
  /** The compiler: the driver and its fixtures must use the same one. */
  readonly cc: CompilerName;
  /** Cache root (default `.cache/build` in the repository). */
  readonly cacheRoot?: string;
  /** Source directory (default: the repository's conformance/driver or conformance/fixtures). */
  readonly sourceDir?: string;
}

/** What every successful build reports. */
export interface BuildInfo {
  /** Discriminant. */
  readonly ok: true;
  /** The cache directory holding the output. */
  readonly dir: string;
  /** The cache key (sha256 of sources, flags and compiler identity). */
  readonly hash: string;
  /** Whether the output was already in the cache (nothing was compiled). */
  readonly cached: boolean;
  /** The compiler used. */
  readonly compiler: CompilerName;
}

/** A built driver. */
export interface DriverBuild extends BuildInfo {
  /** The driver executable. */
  readonly path: string;
}

/** Turns an unexpected exception (a file-system failure) into a build failure. */
export function unexpected(error: unknown): BuildFailure {
  return { ok: false, errors: [{ source: '(build)', output: error instanceof Error ? error.message : String(error) }] };
}
