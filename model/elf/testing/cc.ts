/**
 * Compiling small C sources with the host's `cc` for tests on real objects, and running what
 * was built. Test-only: failures throw, so that a broken toolchain fails the test loudly.
 *
 * @module
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether a C compiler answers as `cc`. */
export const HAVE_CC: boolean = spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0;

/** A scratch directory for one test file; `remove` deletes it. */
export interface ScratchDir {
  /** Its path. */
  path: string;
  /** Deletes it and everything in it. */
  remove(): void;
}

/** Creates a scratch directory under the system's temporary directory. */
export function scratchDir(prefix: string): ScratchDir {
  const path = mkdtempSync(join(tmpdir(), `dlspec-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Compiles `source` into the shared object `<dir>/<name>.so` with `cc -shared -fPIC` and `flags`. */
export function compileShared(dir: string, name: string, source: string, flags: readonly string[] = []): string {
  const input = join(dir, `${name}.c`);
  const output = join(dir, `${name}.so`);
  writeFileSync(input, source);
  execFileSync('cc', ['-shared', '-fPIC', '-O1', '-o', output, input, ...flags], { stdio: 'pipe' });
  return output;
}

/** Compiles `source` into the executable `<dir>/<name>` with `flags`. */
export function compileProgram(dir: string, name: string, source: string, flags: readonly string[] = []): string {
  const input = join(dir, `${name}.c`);
  const output = join(dir, name);
  writeFileSync(input, source);
  execFileSync('cc', ['-o', output, input, ...flags], { stdio: 'pipe' });
  return output;
}

/** Runs `file` with `args` and returns its standard output. */
export function runProgram(file: string, args: readonly string[] = []): string {
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
