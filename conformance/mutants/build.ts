/**
 * Builds the mutant library (conformance/mutants/*.c, with the driver's headers) with `cc`
 * or `musl-gcc` into the build cache, keyed by the content hash of its sources, flags and compiler.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DRIVER_CFLAGS, DRIVER_SOURCE_DIR } from '../build/driver.js';
import { buildHash, DEFAULT_CACHE_ROOT, discard, makeStaging, publish, readSources, REPO_ROOT } from '../build/cache.js';
import { compilerIdentity, type CompilerName } from '../build/compiler.js';
import { commandLine, run } from '../build/exec.js';
import { type BuildFailure, unexpected } from '../build/types.js';

/** The mutant library's source directory. */
export const MUTANTS_SOURCE_DIR: string = join(REPO_ROOT, 'conformance', 'mutants');

/** The file name of the built library. */
export const MUTANTS_LIBRARY = 'libdlspec-mutants.so';

/** A built mutant library. */
export interface MutantLibrary {
  /** Discriminant. */
  readonly ok: true;
  /** The compiler it was built with. */
  readonly compiler: CompilerName;
  /** The shared object the driver loads (DLSPEC_MUTANT_LIB). */
  readonly path: string;
}

/** Builds the mutant library with `cc` (or reuses the cached build); errors come back as a {@link BuildFailure}. */
export async function buildMutantLibrary(cc: CompilerName, cacheRoot: string = DEFAULT_CACHE_ROOT): Promise<MutantLibrary | BuildFailure> {
  try {
    const identity = await compilerIdentity(cc);
    if (!identity.ok) return { ok: false, errors: [{ source: cc, output: identity.problem }] };
    const own = await readSources(MUTANTS_SOURCE_DIR, /\.[ch]$/);
    const headers = await readSources(DRIVER_SOURCE_DIR, /\.h$/);
    const flags = [...DRIVER_CFLAGS, '-fPIC', '-shared'];
    const hash = buildHash('mutants', `${identity.name}\n${identity.version}`, flags, [...own, ...headers]);
    const path = join(cacheRoot, hash, MUTANTS_LIBRARY);
    if (existsSync(path)) return { ok: true, compiler: cc, path };
    const staging = await makeStaging(cacheRoot, hash);
    await Promise.all([...own, ...headers].map((s) => writeFile(join(staging, s.name), s.bytes)));
    const units = own.filter((s) => s.name.endsWith('.c')).map((s) => join(staging, s.name));
    const args = [...flags, '-I', staging, '-o', join(staging, MUTANTS_LIBRARY), ...units];
    const built = await run(cc, args);
    if (built.code !== 0) {
      await discard(staging);
      return { ok: false, errors: [{ source: 'conformance/mutants', command: commandLine(cc, args), output: built.stderr || built.stdout }] };
    }
    await publish(staging, cacheRoot, hash);
    return { ok: true, compiler: cc, path };
  } catch (error) {
    return unexpected(error);
  }
}
