import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDriver, buildFixtures, DRIVER_SOURCE_DIR, findCompilers, FIXTURE_SOURCE_DIR } from './index.js';

const scratch = mkdtempSync(join(tmpdir(), 'dlspec-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('findCompilers', () => {
  it('finds the host cc', async () => {
    expect(await findCompilers()).toContain('cc');
  });
});

describe('buildDriver', () => {
  it('builds once and then reuses the cached driver', async () => {
    const first = await buildDriver({ cc: 'cc' });
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const mtime = statSync(first.path).mtimeMs;
    const second = await buildDriver({ cc: 'cc' });
    expect(second).toMatchObject({ ok: true, cached: true, hash: first.hash, path: first.path });
    expect(statSync(first.path).mtimeMs).toBe(mtime);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('returns a compile error as a value naming the source file', async () => {
    const src = join(scratch, 'driver-src');
    cpSync(DRIVER_SOURCE_DIR, src, { recursive: true });
    writeFileSync(join(src, 'slots.c'), `${readFileSync(join(src, 'slots.c'), 'utf8')}\n#error dlspec-injected\n`);
    const r = await buildDriver({ cc: 'cc', sourceDir: src, cacheRoot: join(scratch, 'cache') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ source: 'slots.c', output: expect.stringContaining('dlspec-injected') });
  }, 120_000);
});

describe('buildFixtures', () => {
  it('builds every fixture of the manifest, then reuses them', async () => {
    const first = await buildFixtures({ cc: 'cc' });
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const second = await buildFixtures({ cc: 'cc' });
    expect(second).toMatchObject({ ok: true, cached: true, hash: first.hash });
    const names = first.fixtures.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['plain', 'ctor', 'chain-a', 'noversion', 'container-512', 'junk']));
    for (const f of first.fixtures) expect(statSync(f.path).size).toBe(f.size);
    const plain = first.fixtures.find((f) => f.name === 'plain');
    const c4096 = first.fixtures.find((f) => f.name === 'container-4096');
    expect(c4096?.image).toEqual({ offset: 4096, length: plain?.size });
  }, 120_000);

  it('returns a fixture compile error as a value', async () => {
    const src = join(scratch, 'fixtures-src');
    cpSync(FIXTURE_SOURCE_DIR, src, { recursive: true });
    writeFileSync(join(src, 'tls.c'), 'int tls_get(void) { return missing_identifier; }\n');
    const r = await buildFixtures({ cc: 'cc', sourceDir: src, cacheRoot: join(scratch, 'cache') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ source: 'tls.c', output: expect.stringContaining('missing_identifier') })]);
  }, 120_000);

  it('returns manifest problems as values', async () => {
    const src = join(scratch, 'fixtures-bad-manifest');
    cpSync(FIXTURE_SOURCE_DIR, src, { recursive: true });
    writeFileSync(join(src, 'fixtures.yaml'), 'version: 1\ncompiled:\n  - { name: plain, file: wrong.so, sources: [plain.c] }\ngenerated: []\n');
    const r = await buildFixtures({ cc: 'cc', sourceDir: src, cacheRoot: join(scratch, 'cache') });
    expect(r).toEqual({ ok: false, errors: [{ source: 'fixtures.yaml', output: 'plain: file must be libdlspec-plain.so' }] });
  });
});
