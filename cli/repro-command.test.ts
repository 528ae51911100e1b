import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../conformance/build/cache.js';
import { runReproCommand } from './repro-command.js';

const dir = mkdtempSync(join(tmpdir(), 'dlspec-repro-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dlspec repro', () => {
  it('prints the verdict, the divergence, the file, the command and what the exit status means', async () => {
    const lines: string[] = [];
    const code = await runReproCommand(REPO_ROOT, 'dlmem/branch-tst-dlmem-extfns-unaligned', { loader: 'host-glibc+memfd', out: 'r.c' }, (l) => lines.push(l), dir);
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^dlmem\/branch-tst-dlmem-extfns-unaligned on host-glibc\+memfd, profile dlmem-v9: FAIL at step 2 \(wrong-error\): h = dlmem\(src\+1, 4096, RTLD_NOW, NULL\)$/);
    expect(lines).toContain(`wrote ${join(dir, 'r.c')}`);
    expect(lines[lines.indexOf('build and run:') + 1]).toMatch(/^ {2}cc -o r r\.c -ldl && LD_LIBRARY_PATH=\S+ \.\/r$/);
    expect(lines).toContain('  - exit 1: it diverges at step 2, and the program prints what the spec requires, what happened and the clauses');
    expect(existsSync(join(dir, 'r.c'))).toBe(true);
  }, 60_000);

  it('exits 1 with the reason when it cannot write one', async () => {
    const lines: string[] = [];
    expect(await runReproCommand(REPO_ROOT, 'baseline/dlsym-found', { loader: 'host-glibc', timeout: 'soon' }, (l) => lines.push(l), dir)).toBe(1);
    expect(await runReproCommand(REPO_ROOT, 'norelocate/setbase-null', { loader: 'musl' }, (l) => lines.push(l), dir)).toBe(1);
    expect(lines[0]).toBe('error: --timeout must be a positive integer, not "soon"');
    expect(lines[1]).toMatch(/^error: norelocate\/setbase-null is UNSUPPORTED on musl in norelocate-v2: .*there is nothing to reproduce$/);
  }, 60_000);
});
