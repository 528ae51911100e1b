/**
 * The build cache: `.cache/build/<sha256>/` under the repository root (ignored by git). The key
 * hashes everything that can change the output (sources, flags, the compiler's identity), so a
 * directory that exists is complete and current. Directories are built under a temporary name
 * and renamed into place, so concurrent builds of the same key never see a half-built one.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: this file is conformance/build/cache.ts, or dist/conformance/build/cache.js
 * once compiled (`npm run build`), whose root is then the directory above dist/.
 */
export const REPO_ROOT: string = repositoryOf(fileURLToPath(new URL('../../', import.meta.url)));

function repositoryOf(dir: string): string {
  return basename(dir) === 'dist' && existsSync(join(dir, '..', 'package.json')) ? `${join(dir, '..')}/` : dir;
}

/** The default cache root. */
export const DEFAULT_CACHE_ROOT: string = join(REPO_ROOT, '.cache', 'build');

/** One input file of a build: its name inside its directory and its bytes. */
export interface SourceFile {
  /** File name (no directory). */
  readonly name: string;
  /** Contents. */
  readonly bytes: Buffer;
}

/** Reads the files of `dir` whose names match `pattern`, sorted by name. */
export async function readSources(dir: string, pattern: RegExp): Promise<readonly SourceFile[]> {
  const names = (await readdir(dir)).filter((n) => pattern.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })));
}

/** The sha256 (hex) of a build's inputs: a label, the compiler identity, flags and every source. */
export function buildHash(label: string, identity: string, flags: readonly string[], sources: readonly SourceFile[]): string {
  const h = createHash('sha256');
  const field = (text: string | Buffer): void => {
    h.update(`${text.length}:`);
    h.update(text);
  };
  field(label);
  field(identity);
  for (const flag of flags) field(flag);
  for (const s of sources) {
    field(s.name);
    field(s.bytes);
  }
  return h.digest('hex');
}

/** A fresh temporary directory next to the final one. */
export async function makeStaging(cacheRoot: string, hash: string): Promise<string> {
  const dir = join(cacheRoot, `${hash}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Moves a finished staging directory to `<cacheRoot>/<hash>`. When another build got there first
 * the staging copy is dropped and the existing one kept; returns the final directory.
 */
export async function publish(staging: string, cacheRoot: string, hash: string): Promise<string> {
  const final = join(cacheRoot, hash);
  try {
    await rename(staging, final);
  } catch (error) {
    if (!existsSync(final)) throw error;
    await rm(staging, { recursive: true, force: true });
  }
  return final;
}

/** Removes a staging directory after a failed build. */
export async function discard(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}
