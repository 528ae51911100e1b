/**
 * The C compilers the harness can build with: the host's `cc` (glibc) and `musl-gcc` (musl). The
 * driver and the fixtures it loads are always built by the same one.
 *
 * @module
 */
import { run } from './exec.js';

/** A compiler the harness knows how to drive. */
export type CompilerName = 'cc' | 'musl-gcc';

/** Every compiler the harness knows, in preference order. */
export const COMPILERS: readonly CompilerName[] = ['cc', 'musl-gcc'];

/** A usable compiler: its name and its `--version` output (part of every cache key). */
export interface CompilerFound {
  /** Discriminant. */
  readonly ok: true;
  /** The compiler. */
  readonly name: CompilerName;
  /** Its `--version` output. */
  readonly version: string;
}

/** A compiler that does not run. */
export interface CompilerMissing {
  /** Discriminant. */
  readonly ok: false;
  /** The compiler. */
  readonly name: CompilerName;
  /** Why it is unusable. */
  readonly problem: string;
}

/** A compiler's identity, or why it is unusable. */
export type CompilerIdentity = CompilerFound | CompilerMissing;

/** Asks `name --version`; a compiler that does not run is reported, not thrown. */
export async function compilerIdentity(name: CompilerName): Promise<CompilerIdentity> {
  const result = await run(name, ['--version']);
  if (result.code !== 0) {
    const why = result.stderr.trim() || `exit status ${String(result.code)}`;
    return { ok: false, name, problem: `${name} --version failed: ${why}` };
  }
  return { ok: true, name, version: result.stdout.trim() };
}

/** The compilers that exist on this machine. */
export async function findCompilers(): Promise<readonly CompilerName[]> {
  const identities = await Promise.all(COMPILERS.map(compilerIdentity));
  return identities.filter((id) => id.ok).map((id) => id.name);
}
