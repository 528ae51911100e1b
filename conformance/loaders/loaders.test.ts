import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures, type FixtureSet } from '../build/index.js';
import { findLoaders } from './discover.js';
import { buildIdOf, versionBanner } from './identity.js';
import { libcDirLoader, libcDirProblem } from './libc-dir.js';
import type { Loader } from './types.js';

let cc: FixtureSet;
const scratch = mkdtempSync(join(tmpdir(), 'dlspec-loaders-'));

/** A fake glibc build directory: elf/ld.so and libc.so exist (as copies of the host's libc). */
function fakeBuild(name: string, parts: { ldso?: boolean; libc?: boolean } = {}): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'elf'), { recursive: true });
  if (parts.ldso !== false) writeFileSync(join(dir, 'elf', 'ld.so'), '#!/bin/sh\n');
  if (parts.libc !== false) writeFileSync(join(dir, 'libc.so'), 'not really a libc');
  return dir;
}

beforeAll(async () => {
  const built = await buildFixtures({ cc: 'cc' });
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  cc = built;
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const loader = (x: Loader | { message: string }): Loader => {
  if (!('command' in x)) throw new Error(x.message);
  return x;
};

describe('glibc build directories (--libc)', () => {
  it('runs the driver through DIR/elf/ld.so with the build and fixture directories as library path', async () => {
    const dir = fakeBuild('build-x');
    const l = loader(await libcDirLoader(dir, cc));
    expect(l.id).toBe('glibc:build-x');
    expect(l.compiler).toBe('cc');
    const path = ['', '/dlfcn', '/elf', '/nptl', '/rt', '/math'].map((s) => `${dir}${s}`).join(':');
    expect(l.command('/d/driver', ['/t/case.txt'])).toEqual({ file: `${dir}/elf/ld.so`, args: ['--library-path', `${path}:${cc.dir}`, '/d/driver', '/t/case.txt'], env: {} });
    expect(l.identity.path).toBe(join(dir, 'libc.so'));
    expect(l.identity.buildId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('names the path when the directory is missing or not built', async () => {
    expect(await libcDirLoader(join(scratch, 'nope'), cc)).toEqual({ id: 'glibc:nope', message: `--libc ${join(scratch, 'nope')}: ${join(scratch, 'nope')} does not exist`, requested: true });
    expect(libcDirProblem(fakeBuild('no-ldso', { ldso: false }))).toBe(`${join(scratch, 'no-ldso', 'elf', 'ld.so')} does not exist: ${join(scratch, 'no-ldso')} is not a built glibc build directory`);
    expect(libcDirProblem(fakeBuild('no-libc', { libc: false }))).toMatch(/libc\.so does not exist/);
  });
});

describe('findLoaders', () => {
  it('finds the host glibc pair, then the build directories in order, and reports the broken ones', async () => {
    const a = fakeBuild('a/build');
    const b = fakeBuild('b/build');
    const found = await findLoaders({ fixtures: { cc }, libcDirs: [a, join(scratch, 'missing'), b] });
    expect(found.loaders.map((l) => l.id)).toEqual(['host-glibc', 'host-glibc+memfd', 'glibc:build', 'glibc:build~2']);
    expect(found.problems).toEqual([{ id: 'glibc:missing', message: expect.stringContaining(join(scratch, 'missing')), requested: true }]);
    const [host, memfd] = found.loaders;
    expect(host?.command('/drv', ['/c'])).toEqual({ file: '/drv', args: ['/c'], env: { LD_LIBRARY_PATH: cc.dir } });
    expect(memfd?.command('/drv', ['/c']).env).toEqual({ LD_LIBRARY_PATH: cc.dir, DLSPEC_COMPAT: 'memfd' });
    expect([...(host?.systemLibraries.names ?? [])].sort()).toEqual(['ld-linux-x86-64.so.2', 'libc.so.6']);
    expect(host?.identity.version).toMatch(/^GNU C Library .*version 2\.\d+/);
    expect(host?.identity.buildId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('finds musl and musl+memfd over the musl-gcc fixtures when a musl libc.so exists', async () => {
    const libc = join(scratch, 'musl', 'libc.so');
    mkdirSync(join(scratch, 'musl'), { recursive: true });
    writeFileSync(libc, '#!/bin/sh\necho "musl libc (x86_64)" >&2; echo "Version 9.9" >&2; exit 1\n', { mode: 0o755 });
    const found = await findLoaders({ fixtures: { 'musl-gcc': cc }, muslLibcPaths: [join(scratch, 'none.so'), libc] });
    expect(found.loaders.map((l) => [l.id, l.compiler])).toEqual([['musl', 'musl-gcc'], ['musl+memfd', 'musl-gcc']]);
    expect(found.loaders[0]?.identity).toMatchObject({ path: libc, version: 'musl libc (x86_64) Version 9.9' });
    expect(found.loaders[1]?.command('/drv', ['/c']).env).toEqual({ LD_LIBRARY_PATH: cc.dir, DLSPEC_COMPAT: 'memfd' });
    const none = await findLoaders({ fixtures: { 'musl-gcc': cc }, muslLibcPaths: [join(scratch, 'none.so')] });
    expect(none.problems).toEqual([{ id: 'musl', message: expect.stringContaining('no musl libc.so'), requested: false }]);
  });

  it('finds no loader without fixtures, and reports a missing host glibc', async () => {
    expect(await findLoaders({ fixtures: {} })).toEqual({ loaders: [], problems: [] });
    const found = await findLoaders({ fixtures: { cc }, hostLibDir: join(scratch, 'nolib') });
    expect(found.problems.map((p) => p.id)).toEqual(['host-glibc']);
  });
});

describe('identity', () => {
  it('reads a version banner and falls back to a hash for files without a build id', async () => {
    expect(await versionBanner(['/bin/sh', '-c', 'echo "musl libc (x86_64)" >&2; echo "Version 1.2.3" >&2; exit 1'])).toBe('musl libc (x86_64) Version 1.2.3');
    expect(await versionBanner([join(scratch, 'no-such-program')])).toBe('');
    expect(await buildIdOf(join(scratch, 'no-such-file'))).toBe('');
  });
});
