/**
 * The system side of a loader's world: the DT_NEEDED names the fixtures have that are not
 * fixtures (libc.so.6 …), closed over what those libraries need in turn (ld-linux-x86-64.so.2),
 * each found in the loader's library directories.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readElf } from '../../model/elf/index.js';
import type { FixtureSet } from '../build/index.js';
import type { SystemLibraries } from '../world.js';

/** The DT_NEEDED names of the ELF file at `path` (none when it cannot be read). */
export function neededOf(path: string): readonly string[] {
  let bytes: Uint8Array;
  try { bytes = readFileSync(path); } catch { return []; }
  const elf = readElf(bytes);
  return elf.ok ? (elf.elf.dynamic?.needed ?? []) : [];
}

/**
 * The system libraries `fixtures` need under a loader whose libraries are found in `dirs` (in
 * order). `aliases` maps a name to the file that stands for it when no directory has it under
 * that name (musl's libc.so is also its dynamic linker). A name found nowhere is still listed
 * (the loader satisfies it somehow), without a path.
 */
export function systemLibraries(fixtures: FixtureSet, dirs: readonly string[], aliases: Readonly<Record<string, string>> = {}): SystemLibraries {
  const fixtureFiles = new Set(fixtures.fixtures.map((f) => f.file));
  const names = new Set<string>();
  const paths: string[] = [];
  const pending = fixtures.fixtures.filter((f) => f.kind === 'compiled').flatMap((f) => neededOf(f.path));
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (fixtureFiles.has(name) || names.has(name)) continue;
    names.add(name);
    const found = dirs.map((d) => join(d, name)).find((p) => existsSync(p)) ?? aliases[name];
    if (found === undefined) continue;
    paths.push(found);
    pending.push(...neededOf(found));
  }
  return { names, paths };
}
