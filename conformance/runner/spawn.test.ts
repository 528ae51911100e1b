import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPool } from './pool.js';
import { spawnRun } from './spawn.js';

const dir = mkdtempSync(join(tmpdir(), 'dlspec-spawn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { cwd: dir, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, out: join(dir, 'out'), err: join(dir, 'err') };

describe('spawnRun', () => {
  it('collects output (up to the cap), exit status and signals', async () => {
    const ok = await spawnRun({ ...base, file: '/bin/sh', args: ['-c', 'echo out; echo err >&2; exit 3'], timeoutMs: 5000 });
    expect(ok).toMatchObject({ stdout: 'out\n', stderr: 'err\n', code: 3, signal: null, timedOut: false, outputCapped: false });
    const big = await spawnRun({ ...base, file: '/bin/sh', args: ['-c', 'echo 0123456789'], timeoutMs: 5000, maxOutput: 4 });
    expect(big).toMatchObject({ stdout: '0123', outputCapped: true, code: 0 });
    const killed = await spawnRun({ ...base, file: '/bin/sh', args: ['-c', 'kill -SEGV $$'], timeoutMs: 5000 });
    expect(killed).toMatchObject({ code: null, signal: 'SIGSEGV' });
  });

  it('kills the whole process group on timeout', async () => {
    const t0 = Date.now();
    const r = await spawnRun({ ...base, file: '/bin/sh', args: ['-c', 'sleep 30 & sleep 30; echo never'], timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.stdout).toBe('');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('reports a program that cannot start, and stops on abort', async () => {
    expect((await spawnRun({ ...base, file: '/no/such/program', args: [], timeoutMs: 1000 })).spawnError).toMatch(/cannot start \/no\/such\/program/);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    expect(await spawnRun({ ...base, file: '/bin/sleep', args: ['30'], timeoutMs: 10_000, signal: abort.signal })).toMatchObject({ aborted: true, signal: 'SIGKILL' });
  });
});

describe('runPool', () => {
  it('runs every item at most `jobs` at a time, and a failing job does not stop the others', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const failed: number[] = [];
    await runPool([1, 2, 3, 4, 5], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      if (n === 3) throw new Error('boom');
      done.push(n);
    }, (n) => failed.push(n));
    expect(peak).toBe(2);
    expect(done.sort()).toEqual([1, 2, 4, 5]);
    expect(failed).toEqual([3]);
  });
});
