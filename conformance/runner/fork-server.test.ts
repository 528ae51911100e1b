import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDriverOutput } from '../protocol.js';
import { type ForkRequest, type Reply, ReplyReader, requestLine } from './fork-protocol.js';
import { ForkServer, type ServedRun } from './fork-server.js';
import { buildHarness } from './harness.js';
import { limitsFor } from './limits.js';

describe('ReplyReader', () => {
  const head = (out: string, err: string): string =>
    `{"ended":{"pid":7,"timeout":false,"code":0,"signal":0,"ms":1,"outSize":${Buffer.byteLength(out)},"out":${Buffer.byteLength(out)},"err":${Buffer.byteLength(err)}}}\n`;
  // Output with newlines, braces and a character of several bytes: only the byte counts frame it.
  const out = '{"hello":1}\nstep é\n';
  const err = 'warning: {not json}\n';
  const stream = Buffer.from(`{"ready":{"protocol":4,"pid":3}}\n${head(out, err)}${out}${err}{"error":"no"}\n${head('', '')}`);
  const expected: Reply[] = [
    { ready: { protocol: 4, pid: 3 } },
    { ended: { pid: 7, timeout: false, code: 0, signal: 0, ms: 1, outSize: Buffer.byteLength(out), stdout: out, stderr: err } },
    { error: 'no' },
    { ended: { pid: 7, timeout: false, code: 0, signal: 0, ms: 1, outSize: 0, stdout: '', stderr: '' } },
  ];

  it('cuts the stream into the same replies whatever chunks it arrives in', () => {
    expect(new ReplyReader().push(stream)).toEqual(expected);
    for (let cut = 1; cut < stream.length; cut++) {
      const reader = new ReplyReader();
      expect([...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))]).toEqual(expected);
    }
    const reader = new ReplyReader();
    expect([...stream].flatMap((byte) => reader.push(Buffer.from([byte])))).toEqual(expected);
  });

  it('holds an ended reply until all its bytes have come, and turns an unreadable line into an error', () => {
    const reader = new ReplyReader();
    expect(reader.push(Buffer.from(`${head(out, err)}${out}`))).toEqual([]);
    expect(reader.push(Buffer.from(err))).toEqual([expected[1]]);
    expect(reader.push(Buffer.from('garbage\n'))).toEqual([{ error: 'unreadable reply: garbage' }]);
  });
});

describe('requestLine', () => {
  it('encodes every value, and names the directory as made only when the runner made it', () => {
    const req: ForkRequest = {
      dir: '/tmp/a b', made: false, text: 'dlopen as=h\n', run: { caseFile: 'case.txt' }, out: '.stdout', err: '.stderr',
      env: { PATH: '/bin', X: 'a=b c' }, limits: limitsFor(1500, 1024, 64),
    };
    expect(requestLine(req)).toBe('run dir=/tmp/a%20b text=dlopen%20as=h%0A case=case.txt out=.stdout err=.stderr timeout=1500 as=1024 cpu=3 fsize=64 env=PATH=/bin env=X=a=b%20c\n');
    expect(requestLine({ ...req, made: true, run: { exec: '/bin/sh', argv: ['sh', '-c'] } })).toMatch(/^run dir=\/tmp\/a%20b made=1 text=\S+ exec=\/bin\/sh arg=sh arg=-c out=/);
  });
});

describe('ForkServer', () => {
  let driver = '';
  let fixtureDir = '';
  const root = mkdtempSync(join(tmpdir(), 'dlspec-fork-server-'));
  beforeAll(async () => {
    const built = await buildHarness('cc');
    if ('problem' in built) throw new Error(built.problem);
    driver = built.driver;
    fixtureDir = built.fixtures.dir;
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const request = (name: string, run: ForkRequest['run'], text?: string, signal?: AbortSignal): ForkRequest => ({
    dir: join(root, name), made: false, ...(text === undefined ? {} : { text }), run, out: '.stdout', err: '.stderr',
    env: { LD_LIBRARY_PATH: fixtureDir }, limits: limitsFor(5000), ...(signal === undefined ? {} : { signal }),
  });
  const kinds = (r: ServedRun) => parseDriverOutput(r.stdout).flatMap((l) => (l.ok ? [l.line.kind] : []));

  it('answers queued requests in order, each case in its own directory, removed once answered', async () => {
    const server = await ForkServer.start({ file: driver, args: ['--serve'] }, { LD_LIBRARY_PATH: fixtureDir }, 10_000);
    if (!(server instanceof ForkServer)) throw new Error(server.problem);
    try {
      const plain = `dlopen as=h path=${join(fixtureDir, 'libdlspec-plain.so')} mode=RTLD_NOW\ndlclose handle=h\n`;
      const runs = [server.run(request('a', { caseFile: 'case.txt' }, plain)), server.run(request('b', { caseFile: 'case.txt' }, 'dlerror\n'))];
      expect(server.outstanding).toBe(2);
      const [a, b] = await Promise.all(runs);
      expect(a).toMatchObject({ code: 0, signal: null, timedOut: false, dirRemoved: true, aborted: false });
      expect(kinds(a as ServedRun)).toEqual(['hello', 'begin', 'step', 'begin', 'step']);
      expect(kinds(b as ServedRun)).toEqual(['hello', 'begin', 'step']);
      expect(existsSync(join(root, 'a')) || existsSync(join(root, 'b'))).toBe(false);
      expect(server.outstanding).toBe(0);
    } finally {
      server.kill();
    }
  });

  it('ends the server with every case it holds when a run is aborted; the queued case is told so', async () => {
    const server = await ForkServer.start({ file: driver, args: ['--serve'] }, {}, 10_000);
    if (!(server instanceof ForkServer)) throw new Error(server.problem);
    const abort = new AbortController();
    const sleeping = server.run(request('sleep', { exec: '/bin/sleep', argv: ['sleep', '30'] }, undefined, abort.signal));
    const queued = server.run(request('queued', { exec: '/bin/true', argv: ['true'] }));
    setTimeout(() => abort.abort(), 200);
    const t0 = performance.now();
    const [slept, next] = await Promise.all([sleeping, queued]);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(slept).toMatchObject({ aborted: true, signal: 'SIGKILL', dirRemoved: false });
    expect(next.spawnError).toMatch(/the fork server exited/);
    expect(server.alive).toBe(false);
  });
});
