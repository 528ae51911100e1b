import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeValue } from '../lower/values.js';
import { driverProtocolVersion, parseDriverOutput } from '../protocol.js';
import { type Ended, type Reply, ReplyReader } from '../runner/fork-protocol.js';
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

/** Sends `requests` to a fresh server and returns its replies, cut by the runner's own reader. */
function serve(requests: readonly string[]): Reply[] {
  const cwd = mkdtempSync(join(dir, 'cwd-'));
  const r = spawnSync(driver, ['--serve'], { cwd, input: requests.map((q) => `${q}\n`).join(''), timeout: 20_000, env: { LD_LIBRARY_PATH: fixtureDir } });
  expect(r.status).toBe(0);
  // Relative out= and err= name files in the case's directory, never in the server's.
  expect(readdirSync(cwd)).toEqual([]);
  return new ReplyReader().push(r.stdout);
}

const ended = (replies: readonly Reply[]): Ended[] => replies.flatMap((r) => ('ended' in r ? [r.ended] : []));
const lines = (e: Ended | undefined) => parseDriverOutput(e?.stdout ?? '').flatMap((l) => (l.ok ? [l.line] : []));
const caseDir = (name: string): string => join(dir, name);
const request = (name: string, extra: string): string =>
  `run dir=${caseDir(name)} case=case.txt out=.stdout err=.stderr timeout=5000 ${extra}`.trim();

describe('driver --serve', () => {
  it('says it is ready, then makes each case its directory and runs it in a child of its own, with the environment and limits of the request', () => {
    const text = encodeValue(`dlopen as=h path=${join(fixtureDir, 'libdlspec-plain.so')} mode=RTLD_NOW\n`);
    mkdirSync(caseDir('made'));
    writeFileSync(join(caseDir('made'), 'case.txt'), 'dlerror\n');
    writeFileSync(join(caseDir('made'), 'junk'), 'left by the runner');
    mkdirSync(caseDir('exists'));
    const replies = serve([
      request('plain', `text=${text} env=LD_LIBRARY_PATH=${fixtureDir}`),
      request('compat', `text=${text} env=LD_LIBRARY_PATH=${fixtureDir} env=DLSPEC_COMPAT=memfd`),
      request('nofile', `text=${text} fsize=0`),
      request('made', 'made=1'),
      request('exists', `text=${text}`),
      'run dir=/ bogus=1',
    ]);
    expect(replies[0]).toMatchObject({ ready: { protocol: driverProtocolVersion } });
    const server = 'ready' in (replies[0] ?? {}) ? (replies[0] as { ready: { pid: number } }).ready.pid : 0;
    const [plain, compat, nofile, made] = ended(replies);
    // Each case ran in a child of its own, none of them the server.
    expect(new Set([server, ...ended(replies).map((e) => e.pid)]).size).toBe(5);
    expect(plain).toMatchObject({ timeout: false, code: 0, signal: 0 });
    expect(lines(plain).map((l) => l.kind)).toEqual(['hello', 'begin', 'step']);
    expect(lines(plain)[2]).toMatchObject({ kind: 'step', ret: { kind: 'ptr' } });
    expect(plain?.outSize).toBe(plain?.stdout.length);
    // The compat layer is the child's own: the server was started without DLSPEC_COMPAT.
    expect(lines(plain)[0]).not.toHaveProperty('compat');
    expect(lines(compat)[0]).toMatchObject({ kind: 'hello', compat: 'memfd' });
    // RLIMIT_FSIZE of 0: the first line the child writes ends it by SIGXFSZ.
    expect(nofile).toMatchObject({ timeout: false, code: -1, signal: 25, stdout: '' });
    // A directory the runner made is used as it is, and removed with what was in it.
    expect(lines(made).map((l) => l.kind)).toEqual(['hello', 'begin', 'step']);
    for (const name of ['plain', 'compat', 'nofile', 'made']) expect(existsSync(caseDir(name))).toBe(false);
    // A directory that exists and that the runner did not say it made is refused: it is not the case's.
    expect(replies.filter((r) => 'error' in r)).toEqual([
      { error: `cannot create the case's directory ${caseDir('exists')}: File exists` },
      { error: 'a request takes no argument bogus' },
    ]);
  });

  it('execs a program for a request that names one (a launcher), with the limits set before the exec, and sends the tail of its standard error', () => {
    const run = (name: string, exec: string) => `run dir=${caseDir(name)} ${exec} out=.stdout err=.stderr timeout=5000 cpu=7 env=PATH=/usr/bin:/bin`;
    const replies = serve([
      run('sh', 'exec=/bin/sh arg=sh arg=-c arg=echo%20$(ulimit%20-t)%20$PWD;%20exit%203'),
      run('none', 'exec=/no/such/program'),
      run('loud', 'exec=/bin/sh arg=sh arg=-c arg=head%20-c%2070000%20/dev/zero%20>&2;%20echo%20end%20>&2'),
      `run dir=${caseDir('both')} case=x exec=/bin/true out=o err=e timeout=1`,
    ]);
    const [sh, none, loud] = ended(replies);
    expect(sh).toMatchObject({ code: 3, signal: 0, timeout: false, stdout: `7 ${caseDir('sh')}\n` });
    expect(none).toMatchObject({ code: 127 });
    expect(none?.stderr).toMatch(/cannot exec \/no\/such\/program/);
    expect(loud?.stderr).toHaveLength(64 * 1024);
    expect(loud?.stderr.endsWith('\0end\n')).toBe(true);
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
