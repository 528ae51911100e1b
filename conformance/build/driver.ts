/**
 * Builds the conformance driver (conformance/driver/*.c) with `cc` or `musl-gcc`, into the build
 * cache. Each source is compiled on its own so that a failure names its file; then they are linked
 * with -rdynamic (fixtures report to the driver's exported dlspec_event) and -ldl.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildHash, DEFAULT_CACHE_ROOT, discard, makeStaging, publish, readSources, REPO_ROOT, type SourceFile } from './cache.js';
import { compilerIdentity, type CompilerName } from './compiler.js';
import { commandLine, run } from './exec.js';
import { type BuildFailure, type BuildOptions, type CompileError, type DriverBuild, unexpected } from './types.js';

/** The driver's source directory. */
export const DRIVER_SOURCE_DIR: string = join(REPO_ROOT, 'conformance', 'driver');

/** Flags for compiling each driver source. */
export const DRIVER_CFLAGS: readonly string[] = ['-std=gnu11', '-Wall', '-Wextra', '-Werror', '-O1', '-g'];

/** Flags for linking the driver (before the objects) and libraries (after them). */
export const DRIVER_LDFLAGS: readonly string[] = ['-rdynamic'];
/** Libraries the driver links with. */
export const DRIVER_LIBS: readonly string[] = ['-ldl'];

/** Compiles every .c of `src` into `obj`, all at once; returns the errors. */
async function compileAll(cc: CompilerName, sources: readonly SourceFile[], src: string, obj: string): Promise<CompileError[]> {
  const units = sources.filter((s) => s.name.endsWith('.c'));
  const results = await Promise.all(
    units.map(async (s): Promise<CompileError | undefined> => {
      const args = [...DRIVER_CFLAGS, '-c', join(src, s.name), '-o', join(obj, s.name.replace(/\.c$/, '.o'))];
      const r = await run(cc, args);
      return r.code === 0 ? undefined : { source: s.name, command: commandLine(cc, args), output: r.stderr || r.stdout };
    }),
  );
  return results.filter((e): e is CompileError => e !== undefined);
}

/** Compiles and links into a staging directory; returns the errors (empty on success). */
async function compileDriver(cc: CompilerName, sources: readonly SourceFile[], staging: string): Promise<CompileError[]> {
  const src = join(staging, 'src');
  const obj = join(staging, 'obj');
  await mkdir(src);
  await mkdir(obj);
  await Promise.all(sources.map((s) => writeFile(join(src, s.name), s.bytes)));
  const errors = await compileAll(cc, sources, src, obj);
  if (errors.length > 0) return errors;
  const objects = sources.filter((s) => s.name.endsWith('.c')).map((s) => join(obj, s.name.replace(/\.c$/, '.o')));
  const args = [...DRIVER_LDFLAGS, '-o', join(staging, 'driver'), ...objects, ...DRIVER_LIBS];
  const linked = await run(cc, args);
  if (linked.code !== 0) return [{ source: 'link', command: commandLine(cc, args), output: linked.stderr || linked.stdout }];
  return [];
}

/**
 * Builds the driver with `options.cc`, or reuses the cached build of the same sources, flags and
 * compiler. Compile errors come back as a {@link BuildFailure}; nothing is thrown.
 */
export async function buildDriver(options: BuildOptions): Promise<DriverBuild | BuildFailure> {
  try {
    const cacheRoot = options.cacheRoot ?? DEFAULT_CACHE_ROOT;
    const identity = await compilerIdentity(options.cc);
    if (!identity.ok) return { ok: false, errors: [{ source: options.cc, output: identity.problem }] };
    const sources = await readSources(options.sourceDir ?? DRIVER_SOURCE_DIR, /\.[ch]$/);
    const flags = [...DRIVER_CFLAGS, '|', ...DRIVER_LDFLAGS, ...DRIVER_LIBS];
    const hash = buildHash('driver', `${identity.name}\n${identity.version}`, flags, sources);
    const dir = join(cacheRoot, hash);
    const result = { ok: true as const, dir, hash, compiler: options.cc, path: join(dir, 'driver') };
    if (existsSync(result.path)) return { ...result, cached: true };
    const staging = await makeStaging(cacheRoot, hash);
    const errors = await compileDriver(options.cc, sources, staging);
    if (errors.length > 0) {
      await discard(staging);
      return { ok: false, errors };
    }
    await publish(staging, cacheRoot, hash);
    return { ...result, cached: false };
  } catch (error) {
    return unexpected(error);
  }
}
