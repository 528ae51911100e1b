import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../conformance/build/cache.js';
import { diffRuns, readDiffInput, type ResultEntry } from '../conformance/report/index.js';
import { RUN_FILES, readRunMeta } from '../conformance/report/run-dir.js';
import { runMergeCommand } from './merge-command.js';
import { runConformanceCommand, type RunIo, verdictExit } from './run-command.js';

const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

/** A repository of its own (reports apart) whose cases, expectations and spec are the project's, plus `extra` cases. */
function repo(extra: Readonly<Record<string, string>> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'dlspec-run-'));
  temps.push(root);
  mkdirSync(join(root, 'conformance/cases'), { recursive: true });
  for (const d of ['baseline', 'dlmem', 'fdlopen', 'dlopen-with-offset', 'norelocate']) symlinkSync(join(REPO_ROOT, 'conformance/cases', d), join(root, 'conformance/cases', d));
  symlinkSync(join(REPO_ROOT, 'conformance/expectations'), join(root, 'conformance/expectations'));
  symlinkSync(join(REPO_ROOT, 'spec'), join(root, 'spec'));
  symlinkSync(join(REPO_ROOT, 'SPEC.md'), join(root, 'SPEC.md'));
  copyFileSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  for (const [id, text] of Object.entries(extra)) {
    mkdirSync(join(root, 'conformance/cases', id.split('/')[0] ?? ''), { recursive: true });
    writeFileSync(join(root, 'conformance/cases', `${id}.case.yaml`), text);
  }
  return root;
}

/** An io that keeps standard output and standard error apart. */
function capture(signal?: AbortSignal): RunIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (line) => out.push(line), printError: (line) => err.push(line), ...(signal === undefined ? {} : { signal }) };
}

const BAD = 'id: t/bad\ndescription: a misspelled key\nclauses: [base.dlsym.found]\nfeatures: [baseline]\nprofiles: [dlmem-v9]\nsteps:\n' +
  '  - dlopen: { as: h, file: plain, mode: [RTLD_NOW] }\n  - dlsym: { as: s, handel: h, symbol: ref1 }\n';
const UNKNOWN_FIXTURE = 'id: t/nofixture\ndescription: a fixture no build has\nclauses: [base.dlsym.found]\nfeatures: [baseline]\nprofiles: [dlmem-v9]\nsteps:\n' +
  '  - dlopen: { as: h, file: no-such-fixture, mode: [RTLD_NOW] }\n';

/** The latest run's results file, as text. */
const latest = (root: string): string => readFileSync(join(root, 'reports/latest.json'), 'utf8');

describe('dlspec run', () => {
  it('refuses bad input before anything runs, exits 2 and leaves the last complete report as it was', async () => {
    const root = repo({ 't/bad': BAD });
    expect(await runConformanceCommand(root, { loader: ['model'], case: 'baseline/dlsym-*' }, capture())).toBe(0);
    const before = latest(root);
    const link = readlinkSync(join(root, 'reports/latest'));
    const cases: [Parameters<typeof runConformanceCommand>[1], RegExp][] = [
      [{ loader: ['model'], case: 't/*' }, /^error: conformance\/cases\/t\/bad\.case\.yaml: step 2 \(dlsym\): unknown key "handel"/],
      [{ loader: ['model'], case: 'nomatch*' }, /^error: --case nomatch\*: no case matches$/],
      [{ loader: ['nope'], case: 'baseline/*' }, /^error: --loader nope: no such loader/],
      [{ libc: ['/nonexistent-build'], case: 'baseline/*' }, /^error: --libc \/nonexistent-build: no such directory$/],
      [{ loader: ['model'], case: 'baseline/*', jobs: '0' }, /^error: --jobs must be a positive integer, not "0"$/],
      [{ loader: ['model'], case: 'baseline/*', shard: '4/3' }, /^error: --shard must be i\/n/],
    ];
    for (const [cli, message] of cases) {
      const io = capture();
      expect(await runConformanceCommand(root, cli, io)).toBe(2);
      expect(io.err[0]).toMatch(message);
      expect(io.err.at(-1)).toBe('dlspec run: nothing was run and reports/latest is unchanged');
      expect(io.out).toEqual([]);
    }
    expect(readlinkSync(join(root, 'reports/latest'))).toBe(link);
    expect(latest(root)).toBe(before);
  }, 120_000);

  it('exits 0 when every result is clean and 1 when one is an ERROR (a case the model cannot run)', async () => {
    const root = repo({ 't/nofixture': UNKNOWN_FIXTURE });
    expect(await runConformanceCommand(root, { loader: ['model'], case: 'baseline/dlsym-*' }, capture())).toBe(0);
    const io = capture();
    expect(await runConformanceCommand(root, { loader: ['model'], case: 't/*' }, io)).toBe(1);
    expect(io.out.join('\n')).toMatch(/errors \(1\):\n {2}1× .*no-such-fixture/);
  }, 120_000);

  it('keeps an interrupted run apart, and --resume completes it without running what it has', async () => {
    const root = repo();
    expect(await runConformanceCommand(root, { loader: ['model'], case: 'baseline/dlsym-*' }, capture())).toBe(0);
    const before = latest(root);
    const abort = new AbortController();
    const io = capture(abort.signal);
    const print = io.print;
    const stopping: RunIo = { ...io, print: (line) => { print(line); if (line.startsWith('progress:')) abort.abort(); } };
    expect(await runConformanceCommand(root, { loader: ['host-glibc'], case: 'baseline/*', jobs: '1' }, stopping)).toBe(130);
    expect(latest(root)).toBe(before);
    const dir = /results are in (\S+);/.exec(io.out.join('\n'))?.[1] ?? '';
    expect(readRunMeta(join(root, dir))).toMatchObject({ status: 'partial' });
    const gathered = readFileSync(join(root, dir, RUN_FILES.partial), 'utf8').trim().split('\n').length;
    expect(gathered).toBeGreaterThan(0);
    expect(await runConformanceCommand(root, { resume: true }, capture())).toBe(0);
    const resumed = JSON.parse(latest(root)) as { results: { case: string; profile: string; loader: string }[] };
    const keys = resumed.results.map((r) => `${r.case} ${r.profile} ${r.loader}`);
    expect(new Set(keys).size).toBe(keys.length);
    const full = capture();
    expect(await runConformanceCommand(root, { loader: ['host-glibc'], case: 'baseline/*' }, full)).toBe(0);
    expect(resumed.results.length).toBe((JSON.parse(latest(root)) as { results: unknown[] }).results.length);
    expect(readRunMeta(join(root, dir))).toMatchObject({ status: 'complete' });
  }, 180_000);

  it('stops on a real SIGINT as a partial run, the last complete report left as it was', async () => {
    const root = repo();
    expect(await runConformanceCommand(root, { loader: ['model'], case: 'baseline/dlsym-*' }, capture())).toBe(0);
    const before = latest(root);
    const child = spawn('node', [join(REPO_ROOT, 'bin/dlspec.js'), '--root', root, '--thread', join(REPO_ROOT, '../shared/seeds/dlmem-libc-alpha-thread.txt'), 'run', '--loader', 'host-glibc', '--case', 'baseline/*', '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('progress:') && !sent) { sent = true; child.kill('SIGINT'); }
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(code).toBe(130);
    expect(out).toMatch(/interrupted: \d+ results are in reports\/runs\/\S+; reports\/latest is unchanged/);
    expect(latest(root)).toBe(before);
  }, 180_000);

  it('lets two runs at once each write their own directory', async () => {
    const root = repo();
    const [a, b] = [capture(), capture()];
    const codes = await Promise.all([
      runConformanceCommand(root, { loader: ['model'], case: 'baseline/*' }, a),
      runConformanceCommand(root, { loader: ['model'], case: 'dlmem/elf-*' }, b),
    ]);
    expect(codes).toEqual([0, 0]);
    const dirs = [a, b].map((io) => /^wrote (\S+) /.exec(io.out.at(-1) ?? '')?.[1] ?? '');
    expect(dirs[0]).not.toBe(dirs[1]);
    for (const d of dirs) expect(readRunMeta(join(root, d))).toMatchObject({ status: 'complete' });
    expect(dirs.map((d) => join(root, d))).toContain(join(root, 'reports', readlinkSync(join(root, 'reports/latest'))));
  }, 120_000);

  it('splits into shards whose merge equals the whole run', async () => {
    const root = repo();
    const cli = { loader: ['model'], case: 'baseline/*' };
    expect(await runConformanceCommand(root, { ...cli, out: join(root, 'whole') }, capture())).toBe(0);
    for (const i of [1, 2, 3]) expect(await runConformanceCommand(root, { ...cli, shard: `${i}/3`, out: join(root, `shard${i}`) }, capture())).toBe(0);
    const lines: string[] = [];
    expect(runMergeCommand(root, ['shard1', 'shard2', 'shard3'].map((s) => join(root, s)), join(root, 'merged'), (l) => lines.push(l))).toBe(0);
    const whole = readDiffInput(join(root, 'whole', RUN_FILES.json));
    const merged = readDiffInput(join(root, 'merged', RUN_FILES.json));
    if ('error' in whole || 'error' in merged) throw new Error('unreadable results');
    expect(merged.results.length).toBe(whole.results.length);
    expect(diffRuns(whole, merged)).toEqual({ clauses: [], cases: [] });
    const shard1 = readDiffInput(join(root, 'shard1', RUN_FILES.json));
    expect('error' in shard1 ? 0 : shard1.results.length).toBeLessThan(whole.results.length);
  }, 120_000);

  it('ends quietly when its output is a pipe closed early', () => {
    const r = spawnSync('bash', ['-c', `node ${join(REPO_ROOT, 'bin/dlspec.js')} --root ${REPO_ROOT} spec check | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stderr).toMatch(/status [01]\n/);
    expect(existsSync(REPO_ROOT)).toBe(true);
  }, 120_000);

  it('exits 1 for a FAIL, an XPASS or an ERROR, and 0 for the rest', () => {
    const r = (verdict: ResultEntry['verdict']): ResultEntry => ({ case: 'a/b', file: '', profile: 'dlmem-v9', loader: 'x', verdict, gaps: [], steps: [], clauses: [], ms: 0 });
    expect(verdictExit(['PASS', 'XFAIL', 'UNSPECIFIED', 'UNSUPPORTED'].map((v) => r(v as ResultEntry['verdict'])))).toBe(0);
    for (const bad of ['FAIL', 'XPASS', 'ERROR'] as const) expect(verdictExit([r('PASS'), r(bad)])).toBe(1);
  });
});
