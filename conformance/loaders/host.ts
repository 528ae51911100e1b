/**
 * The host's loaders: glibc as installed (`host-glibc`), the same with the reviewers' memfd
 * alternative to dlmem (`host-glibc+memfd`), and musl with its own dynamic linker (`musl`,
 * `musl+memfd`) when musl-gcc built a driver and fixtures for it.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FixtureSet } from '../build/index.js';
import type { SystemLibraries } from '../world.js';
import { libcIdentity } from './identity.js';
import { systemLibraries } from './system.js';
import type { Loader, LoaderIdentity, LoaderProblem } from './types.js';

/** Where the host's glibc lives on x86_64 Debian and Ubuntu. */
export const HOST_LIB_DIR = '/lib/x86_64-linux-gnu';

/** Where musl's libc.so may live (Debian's musl package, then a from-source install). */
export const MUSL_LIBC_PATHS: readonly string[] = [
  '/usr/lib/musl/lib/libc.so', '/usr/lib/x86_64-linux-musl/libc.so', '/lib/x86_64-linux-musl/libc.so', '/usr/local/musl/lib/libc.so',
];

/** The environment variable and value that switch the driver to the memfd alternative. */
export const MEMFD_COMPAT: Readonly<Record<string, string>> = { DLSPEC_COMPAT: 'memfd' };

interface Base {
  readonly id: string;
  readonly description: string;
  readonly compiler: Loader['compiler'];
  readonly fixtureDir: string;
  readonly systemLibraries: SystemLibraries;
  readonly identity: LoaderIdentity;
}

/** A loader that runs the driver directly, with the fixture directory in LD_LIBRARY_PATH. */
function direct(base: Base, env: Readonly<Record<string, string>>): Loader {
  const { fixtureDir, ...rest } = base;
  return {
    ...rest,
    command: (driverPath, driverArgs) => ({ file: driverPath, args: [...driverArgs], env: { LD_LIBRARY_PATH: fixtureDir, ...env } }),
  };
}

/** The plain loader and its memfd twin. */
function pair(base: Base, memfdDescription: string): Loader[] {
  return [direct(base, {}), direct({ ...base, id: `${base.id}+memfd`, description: memfdDescription }, MEMFD_COMPAT)];
}

/** `host-glibc` and `host-glibc+memfd`, over fixtures built with cc. */
export async function hostLoaders(fixtures: FixtureSet, libDir = HOST_LIB_DIR): Promise<Loader[] | LoaderProblem> {
  const libc = join(libDir, 'libc.so.6');
  if (!existsSync(libc)) return { id: 'host-glibc', message: `no glibc at ${libc}`, requested: false };
  const identity = await libcIdentity(libc);
  const base: Base = {
    id: 'host-glibc', description: `the host's glibc (${libc}), driver built with cc`, compiler: 'cc',
    fixtureDir: fixtures.dir, systemLibraries: systemLibraries(fixtures, [libDir]), identity,
  };
  return pair(base, "the host's glibc with dlmem replaced by memfd_create + dlopen(\"/proc/self/fd/N\") (DLSPEC_COMPAT=memfd)");
}

/** `musl` and `musl+memfd`, over fixtures built with musl-gcc. */
export async function muslLoaders(fixtures: FixtureSet, candidates = MUSL_LIBC_PATHS): Promise<Loader[] | LoaderProblem> {
  const libc = candidates.find((p) => existsSync(p));
  if (libc === undefined) return { id: 'musl', message: `musl-gcc works but no musl libc.so is in ${candidates.join(', ')}`, requested: false };
  const identity = await libcIdentity(libc);
  const base: Base = {
    id: 'musl', description: `musl (${libc}) with its own dynamic linker, driver built with musl-gcc`, compiler: 'musl-gcc',
    fixtureDir: fixtures.dir, systemLibraries: systemLibraries(fixtures, [dirname(libc)]), identity,
  };
  return pair(base, 'musl with dlmem replaced by memfd_create + dlopen("/proc/self/fd/N") (DLSPEC_COMPAT=memfd)');
}
