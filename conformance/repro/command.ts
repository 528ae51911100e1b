/**
 * The command that builds a repro and runs it under the loader it was generated for: directly
 * with the fixture directory in LD_LIBRARY_PATH (the host's glibc, musl), or through a glibc
 * build directory's own elf/ld.so with an explicit library path (`--libc DIR`), exactly as the
 * runner starts the driver.
 *
 * @module
 */
import { join } from 'node:path';
import type { CompilerName } from '../build/index.js';
import { BUILD_LIB_SUBDIRS } from '../loaders/libc-dir.js';

/** What the command depends on. */
export interface CommandFacts {
  /** The loader id. */
  readonly loader: string;
  /** The compiler the loader's fixtures were built with. */
  readonly compiler: CompilerName;
  /** The program's file, as the user named it. */
  readonly out: string;
  /** The fixture directory. */
  readonly fixtureDir: string;
  /** The glibc build directory (absolute), for a `--libc` loader. */
  readonly libc?: string;
  /** Whether the recorded run hung (the command then runs under `timeout 10`). */
  readonly hang?: boolean;
}

/** Quotes a shell word when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=+@%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The executable's name for program file `out`: `repro.c` → `./repro`. */
export function executableOf(out: string): string {
  const exe = out.endsWith('.c') ? out.slice(0, -2) : `${out}.bin`;
  return exe.includes('/') ? exe : `./${exe}`;
}

/** `cc -o repro repro.c -ldl && LD_LIBRARY_PATH=… ./repro`, or the `--libc` form through DIR/elf/ld.so. */
export function buildCommand(f: CommandFacts): string {
  const exe = executableOf(f.out);
  const build = `${f.compiler} -o ${shellWord(exe.replace(/^\.\//, ''))} ${shellWord(f.out)} -ldl`;
  const timeout = f.hang === true ? 'timeout 10 ' : '';
  if (f.libc !== undefined && f.loader.startsWith('glibc:')) {
    const path = [...BUILD_LIB_SUBDIRS.map((sub) => (sub === '' ? f.libc as string : join(f.libc as string, sub))), f.fixtureDir].join(':');
    return `${build} && ${timeout}${shellWord(join(f.libc, 'elf', 'ld.so'))} --library-path ${shellWord(path)} ${shellWord(exe)}`;
  }
  return `${build} && LD_LIBRARY_PATH=${shellWord(f.fixtureDir)} ${timeout}${shellWord(exe)}`;
}
