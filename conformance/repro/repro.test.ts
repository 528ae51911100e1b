import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../build/cache.js';
import { buildCommand, executableOf } from './command.js';
import { cString, protExpr } from './c-text.js';
import { generateRepro, type ReproInput } from './generate.js';
import { parseDriverInput } from './lines.js';
import { makeRepro, type Repro } from './make.js';

const dir = mkdtempSync(join(tmpdir(), 'dlspec-repro-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the repro of `caseId` on `loader`, builds it with cc as its command says, and runs it. */
async function buildAndRun(caseId: string, loader: string, name: string): Promise<{ repro: Repro; status: number | null; signal: string | null; stdout: string }> {
  const repro = await makeRepro({ root: REPO_ROOT, caseId, loader, out: `${name}.c`, cwd: dir });
  if ('error' in repro) throw new Error(repro.error);
  const [build, run] = repro.command.split(' && ') as [string, string];
  expect(build).toBe(`cc -o ${name} ${name}.c -ldl`);
  const cc = spawnSync('sh', ['-c', build], { cwd: dir, encoding: 'utf8' });
  expect(cc.stderr).toBe('');
  expect(cc.status).toBe(0);
  const [assignment, exe, ...rest] = run.split(' ');
  const [key, value] = (assignment ?? '').split('=') as [string, string];
  expect(key).toBe('LD_LIBRARY_PATH');
  expect(rest).toEqual([]);
  const r = spawnSync(exe ?? '', [], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', [key]: value } });
  return { repro, status: r.status, signal: r.signal, stdout: r.stdout };
}

describe('dlspec repro on the host', () => {
  it('a PASS: every step runs and the program exits 0', async () => {
    const { repro, status, stdout } = await buildAndRun('baseline/dlsym-found', 'host-glibc', 'pass');
    expect(repro.entry.verdict).toBe('PASS');
    expect(repro.source).toMatch(/ptr_result\(dlopen\("\/[^"]*libdlspec-ctor\.so", RTLD_NOW\)\)/);
    expect(repro.source).not.toMatch(/#include "|case\.txt/);
    expect(stdout).toMatch(/every step ran/);
    expect(status).toBe(0);
  }, 60_000);

  it('a FAIL: the check at the divergence prints what the spec requires and exits 1', async () => {
    const { repro, status, stdout } = await buildAndRun('dlmem/branch-tst-dlmem-extfns-unaligned', 'host-glibc+memfd', 'fail');
    expect(repro.entry).toMatchObject({ verdict: 'FAIL', divergence: { step: 2 } });
    expect(repro.source).toMatch(/compat_dlmem/);
    expect(stdout).toMatch(/step 2 DIVERGES from the spec: the failure should show EINVAL/);
    expect(stdout).toMatch(/clauses: .*dlmem\.args\.unaligned-buffer/);
    expect(stdout).toMatch(/observed: NULL · dlerror "[^"]*invalid ELF header"/);
    expect(status).toBe(1);
  }, 60_000);

  it('a layout FAIL: the C check reads /proc/self/maps with the oracle\'s layout requirement and names its clause', async () => {
    const { repro, status, stdout } = await buildAndRun('dlmem/close-refcount', 'host-glibc+memfd', 'layout');
    expect(repro.entry).toMatchObject({ verdict: 'FAIL', divergence: { kind: 'wrong-layout', violated: ['dlmem.place.zero-copy'] } });
    expect(repro.source).toMatch(/layout_part\(&\(struct lspec\)\{NULL, \d+, 0, 1, B_FILE_OR_COPY/);
    expect(stdout).toMatch(/DIVERGES from the spec: the segment pages are backed as the flags and source decide \(dlmem\.place\.zero-copy\)/);
    expect(status).toBe(1);
  }, 60_000);

  it('a crash: the process dies by the signal of the recorded run, and the expectations say so', async () => {
    const { repro, signal } = await buildAndRun('dlmem/size-cuts-image', 'host-glibc+memfd', 'crash');
    expect(repro.entry.divergence).toMatchObject({ kind: 'unexpected-signal', observed: 'killed by SIGBUS' });
    expect(repro.expectations.join('\n')).toMatch(/ended during step 2 \(killed by SIGBUS\)/);
    expect(repro.source).toMatch(/recorded run ended during step 2 \(killed by SIGBUS\)/);
    expect(signal).toBe('SIGBUS');
  }, 60_000);

  it('says why when there is nothing to reproduce or the request is wrong', async () => {
    const unsupported = await makeRepro({ root: REPO_ROOT, caseId: 'dlmem/null-args', loader: 'host-glibc', out: 'u.c', cwd: dir });
    expect(unsupported).toMatchObject({ error: expect.stringMatching(/UNSUPPORTED on host-glibc.*nothing to reproduce/) });
    expect(await makeRepro({ root: REPO_ROOT, caseId: 'no/such-case', loader: 'host-glibc', cwd: dir })).toMatchObject({ error: expect.stringMatching(/^case no\/such-case: .*cannot read/) });
    expect(await makeRepro({ root: REPO_ROOT, caseId: 'baseline/dlsym-found', cwd: dir })).toEqual({ error: 'say which loader: --loader ID (or --libc DIR)' });
    expect(await makeRepro({ root: REPO_ROOT, caseId: 'baseline/dlsym-found', loader: 'model', cwd: dir })).toMatchObject({ error: expect.stringMatching(/one real loader/) });
    expect(await makeRepro({ root: REPO_ROOT, caseId: 'baseline/dlsym-found', loader: 'host-glibc', profile: 'nope', cwd: dir })).toMatchObject({ error: expect.stringMatching(/does not run in profile nope/) });
  }, 60_000);
});

describe('repro generation', () => {
  it('reads driver lines back, decoding %XX', () => {
    expect(parseDriverInput('# c\n\ndlopen as=h path=/a%20b mode=RTLD_NOW|0x40\ndlerror\n')).toEqual([
      { n: 1, op: 'dlopen', args: { as: 'h', path: '/a b', mode: 'RTLD_NOW|0x40' } }, { n: 2, op: 'dlerror', args: {} }]);
  });

  it('spells values as C', () => {
    expect(cString('a"b\\c\n\u0001?')).toBe('"a\\"b\\\\c\\n\\001\\?"');
    expect([protExpr('r-x'), protExpr('---'), protExpr('5')]).toEqual(['PROT_READ | PROT_EXEC', 'PROT_NONE', '5']);
    expect(executableOf('repro.c')).toBe('./repro');
    expect(executableOf('/tmp/x/r.c')).toBe('/tmp/x/r');
  });

  it('prints the command for the host, musl and a glibc build directory', () => {
    expect(buildCommand({ loader: 'host-glibc', compiler: 'cc', out: 'repro.c', fixtureDir: '/f' })).toBe('cc -o repro repro.c -ldl && LD_LIBRARY_PATH=/f ./repro');
    expect(buildCommand({ loader: 'musl', compiler: 'musl-gcc', out: 'repro.c', fixtureDir: '/f', hang: true }))
      .toBe('musl-gcc -o repro repro.c -ldl && LD_LIBRARY_PATH=/f timeout 10 ./repro');
    expect(buildCommand({ loader: 'glibc:b', compiler: 'cc', out: 'repro.c', fixtureDir: '/f', libc: '/g/b' }))
      .toBe('cc -o repro repro.c -ldl && /g/b/elf/ld.so --library-path /g/b:/g/b/dlfcn:/g/b/elf:/g/b/nptl:/g/b/rt:/g/b/math:/f ./repro');
  });

  it('refuses a step it cannot write, saying which', () => {
    const input = (text: string): ReproInput => ({
      caseDef: { id: 't/x', description: '', clauses: [], features: [], profiles: ['norelocate-v1'], file: 'x', steps: [{ type: 'dlerror' }, { type: 'dlerror' }] },
      loader: 'host-glibc', libc: 'glibc', compat: false, command: 'cc',
      entry: { case: 't/x', file: 'x', profile: 'norelocate-v1', loader: 'host-glibc', verdict: 'PASS', gaps: [], steps: [], clauses: [], ms: 0 },
      lowered: { text, files: [] }, trace: { hello: undefined, steps: [], lastBegin: undefined, driverError: undefined, end: { kind: 'exit', code: 0 }, stderr: '' },
      world: {} as ReproInput['world'],
    });
    expect(generateRepro(input('dlerror\ndlrelocate handle=default base=r\n'))).toEqual({ error: "step 2 (dlrelocate): dlrelocate(handle, base), the first proposal's form, is not supported" });
    expect(generateRepro(input('dlerror\nfrobnicate x=1\n'))).toEqual({ error: "step 2 (frobnicate): 'frobnicate' is not an operation the repro generator knows" });
    expect(generateRepro(input('dlerror\ndlsym as=s handle=h symbol=f\n'))).toEqual({ error: "step 2 (dlsym): 'h' is not a handle slot here" });
  });
});
