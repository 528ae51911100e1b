import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDriverOutput } from '../protocol.js';
import { buildHarness } from '../runner/harness.js';

let driver = '';
let fixtureDir = '';
const dir = mkdtempSync(join(tmpdir(), 'dlspec-serve-'));

beforeAll(async () => {
  const built = await buildHarness('cc');
  if ('problem' in built) throw new Error(built.problem);
  driver = built.driver;
  fixtureDir = built.fixtures.dir;
  writeFileSync(join(dir, 'case.txt'), `dlopen as=h path=${join(fixtureDir, 'libdlspec-plain.so')} mode=RTLD_NOW\n`);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sends `requests` to a fresh server and returns its reply lines, parsed. */
function serve(requests: readonly string[]): Record<string, Record<string, unknown>>[] {
  const r = spawnSync(driver, ['--serve'], { input: requests.map((q) => `${q}\n`).join(''), encoding: 'utf8', timeout: 20_000, env: { LD_LIBRARY_PATH: fixtureDir } });
  expect(r.status).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
}

const request = (name: string, extra = ''): string =>
  `run dir=${dir} case=${join(dir, 'case.txt')} out=${join(dir, `${name}.out`)} err=${join(dir, `${name}.err`)} timeout=5000 ${extra}`.trim();
const output = (name: string) => parseDriverOutput(readFileSync(join(dir, `${name}.out`), 'utf8')).flatMap((l) => (l.ok ? [l.line] : []));

describe('driver --serve', () => {
  it('says it is ready, then runs each case in a child of its own, with the environment and limits of the request', () => {
    const replies = serve([
      request('plain', `env=LD_LIBRARY_PATH=${fixtureDir}`),
      request('compat', `env=LD_LIBRARY_PATH=${fixtureDir} env=DLSPEC_COMPAT=memfd`),
      request('nofile', 'fsize=0'),
      'run dir=/ bogus=1',
    ]);
    expect(replies[0]).toMatchObject({ ready: { protocol: 3 } });
    const ended = replies.filter((r) => 'ended' in r).map((r) => r['ended']);
    // Each case ran in the child forked ahead of it, which the reply before named; all are distinct.
    const announced = [replies[0]?.['ready']?.['next'], ...ended.map((e) => e?.['next'])];
    expect(ended.map((e) => e?.['pid'])).toEqual(announced.slice(0, 3));
    expect(new Set([replies[0]?.['ready']?.['pid'], ...announced]).size).toBe(5);
    expect(ended[0]).toMatchObject({ timeout: false, code: 0, signal: 0 });
    expect(output('plain').map((l) => l.kind)).toEqual(['hello', 'begin', 'step']);
    expect(output('plain')[2]).toMatchObject({ kind: 'step', ret: { kind: 'ptr' } });
    // The compat layer is the child's own: the server was started without DLSPEC_COMPAT.
    expect(output('plain')[0]).not.toHaveProperty('compat');
    expect(output('compat')[0]).toMatchObject({ kind: 'hello', compat: 'memfd' });
    // RLIMIT_FSIZE of 0: the first line the child writes ends it by SIGXFSZ.
    expect(ended[2]).toMatchObject({ timeout: false, code: -1, signal: 25 });
    expect(replies.at(-1)).toEqual({ error: 'a request takes no argument bogus' });
  });

  it('execs a program for a request that names one (a launcher), with the limits set before the exec', () => {
    const run = (name: string, exec: string) => `run dir=${dir} ${exec} out=${join(dir, `${name}.out`)} err=${join(dir, `${name}.err`)} timeout=5000 cpu=7 env=PATH=/usr/bin:/bin`;
    const replies = serve([
      run('sh', 'exec=/bin/sh arg=sh arg=-c arg=echo%20$(ulimit%20-t)%20$PWD;%20exit%203'),
      run('none', 'exec=/no/such/program'),
      `run dir=${dir} case=x exec=/bin/true out=o err=e timeout=1`,
    ]);
    const ended = replies.filter((r) => 'ended' in r).map((r) => r['ended']);
    expect(ended[0]).toMatchObject({ code: 3, signal: 0, timeout: false });
    expect(readFileSync(join(dir, 'sh.out'), 'utf8')).toBe(`7 ${dir}\n`);
    expect(ended[1]).toMatchObject({ code: 127 });
    expect(readFileSync(join(dir, 'none.err'), 'utf8')).toMatch(/cannot exec \/no\/such\/program/);
    expect(replies.at(-1)).toEqual({ error: 'a request needs dir, case or exec (not both), out, err and timeout' });
  });

  it('sets the limits its options give when it is started on a case', () => {
    const out = openSync(join(dir, 'exec.out'), 'w');
    const r = spawnSync(driver, ['--fsize=0', join(dir, 'case.txt')], { stdio: ['ignore', out, 'pipe'], env: { LD_LIBRARY_PATH: fixtureDir } });
    closeSync(out);
    expect(r.signal).toBe('SIGXFSZ');
    const bad = spawnSync(driver, ['--as=lots', join(dir, 'case.txt')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^usage: /);
  });
});
