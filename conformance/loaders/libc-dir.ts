/**
 * A glibc build directory as a loader (`--libc DIR`): the driver runs under the build's own
 * dynamic linker, `DIR/elf/ld.so --library-path DIR:DIR/dlfcn:DIR/elf:DIR/nptl:DIR/rt:DIR/math:<fixtures> driver CASE`
 * (not testrun.sh: no shell in between, and the library path is explicit).
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { FixtureSet } from '../build/index.js';
import { libcIdentity } from './identity.js';
import { systemLibraries } from './system.js';
import type { Loader, LoaderProblem } from './types.js';

/** The build's subdirectories that hold shared libraries, in search order. */
export const BUILD_LIB_SUBDIRS: readonly string[] = ['', 'dlfcn', 'elf', 'nptl', 'rt', 'math'];

/** The id of the loader for build directory `dir`. */
export function libcDirId(dir: string): string {
  return `glibc:${basename(resolve(dir))}`;
}

/** Distinct ids for a list of build directories: `glibc:build`, then `glibc:build~2` for another `build`. */
export function libcDirIds(dirs: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return dirs.map((dir) => {
    const id = libcDirId(dir);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}~${n}`;
  });
}

/** Why `dir` is not a usable glibc build directory, or undefined when it looks like one. */
export function libcDirProblem(dir: string): string | undefined {
  const abs = resolve(dir);
  if (!existsSync(abs)) return `${abs} does not exist`;
  if (!statSync(abs).isDirectory()) return `${abs} is not a directory`;
  const ldso = join(abs, 'elf', 'ld.so');
  if (!existsSync(ldso)) return `${ldso} does not exist: ${abs} is not a built glibc build directory`;
  if (!existsSync(join(abs, 'libc.so'))) return `${join(abs, 'libc.so')} does not exist: ${abs} is not a built glibc build directory`;
  return undefined;
}

/** The loader for glibc build directory `dir`, over fixtures built with cc; `id` overrides the default id. */
export async function libcDirLoader(dir: string, fixtures: FixtureSet, id = libcDirId(dir)): Promise<Loader | LoaderProblem> {
  const problem = libcDirProblem(dir);
  if (problem !== undefined) return { id, message: `--libc ${dir}: ${problem}`, requested: true };
  const abs = resolve(dir);
  const libDirs = BUILD_LIB_SUBDIRS.map((sub) => join(abs, sub));
  const ldso = join(abs, 'elf', 'ld.so');
  const libc = join(abs, 'libc.so');
  const identity = await libcIdentity(libc, [ldso, '--library-path', libDirs.join(':'), libc]);
  const searchPath = [...libDirs, fixtures.dir].join(':');
  return {
    id,
    description: `the glibc build in ${abs}, run through its elf/ld.so; driver built with cc`,
    compiler: 'cc',
    command: (driverPath, driverArgs) => ({ file: ldso, args: ['--library-path', searchPath, driverPath, ...driverArgs], env: {} }),
    systemLibraries: systemLibraries(fixtures, libDirs),
    identity,
  };
}
