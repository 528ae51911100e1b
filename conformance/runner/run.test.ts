import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSteps } from '../../model/script/parse.js';
import { findLoaders } from '../loaders/discover.js';
import type { Loader } from '../loaders/types.js';
import { lowerCase } from '../lower/lower.js';
import { checkTrace } from '../oracle/check.js';
import type { Trace } from '../oracle/types.js';
import { worldFromFixtures } from '../world.js';
import { runDriver } from './execute.js';
import { buildHarness, type Harness } from './harness.js';
import { limitsFor } from './limits.js';
import { runConformance } from './run.js';
import { ALL_CALLS, CASES } from './testing.js';

const root = mkdtempSync(join(tmpdir(), 'dlspec-runner-'));
let cc: Harness;
let host: Loader;
let memfd: Loader;

beforeAll(async () => {
  for (const [file, text] of Object.entries(CASES)) {
    mkdirSync(join(root, 'conformance/cases', file, '..'), { recursive: true });
    writeFileSync(join(root, 'conformance/cases', file), text);
  }
  const built = await buildHarness('cc');
  if ('problem' in built) throw new Error(built.problem);
  cc = built;
  const found = await findLoaders({ fixtures: { cc: cc.fixtures } });
  [host, memfd] = found.loaders as [Loader, Loader];
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runConformance on the host glibc', () => {
  it('gives verdicts per case × profile × loader; crashes, malformed files and missing --libc dirs are results or problems', async () => {
    const traces = new Map<string, Trace>();
    const problems: string[] = [];
    const outcome = await runConformance({
      root, loaders: ['model', 'host-glibc', 'host-glibc+memfd', 'glibc:*'], libcDirs: [join(root, 'no-such-build')], jobs: 2,
      check: (c, world, trace) => { traces.set(c.id, trace); return checkTrace(c, world, trace); },
    }, { onProblem: (m) => problems.push(m) });
    const verdict = (id: string, loader: string, profile?: string) =>
      outcome.results.filter((r) => r.case === id && r.loader === loader && (profile === undefined || r.profile === profile)).map((r) => r.verdict);
    expect(verdict('t/plain', 'host-glibc')).toEqual(['PASS', 'PASS']);
    expect(verdict('t/plain', 'model')).toEqual(['PASS', 'PASS']);
    expect(outcome.loaders.map((l) => l.id)).toEqual(['model', 'host-glibc', 'host-glibc+memfd']);
    expect(outcome.loaders[1]?.hello?.libc).toMatch(/^glibc /);

    const crash = traces.get('t/truncated');
    expect(crash?.end).toEqual({ kind: 'signal', signal: 'SIGBUS' });
    expect(crash?.lastBegin).toBe(1);
    expect(verdict('t/truncated', 'host-glibc')).toHaveLength(1);

    const bad = outcome.results.filter((r) => r.case === 't/bad');
    expect(bad.map((r) => r.loader)).toEqual(['model', 'host-glibc', 'host-glibc+memfd']);
    expect(bad[0]).toMatchObject({ verdict: 'ERROR', profile: null, reason: expect.stringContaining('conformance/cases/t/bad.case.yaml') });
    // A loader without dlmem gets UNSUPPORTED without a driver run; one with it, the lowering error.
    expect(outcome.results.find((r) => r.case === 't/offset' && r.loader === 'host-glibc')).toMatchObject({ verdict: 'UNSUPPORTED', ms: 0 });
    expect(outcome.results.find((r) => r.case === 't/offset' && r.loader === 'host-glibc+memfd')?.reason).toMatch(/cannot lower the case.*no container fixture/);

    expect(problems).toEqual([expect.stringContaining(join(root, 'no-such-build'))]);
    expect(outcome.problems).toEqual(problems);
    expect(outcome.results).toHaveLength(3 * (2 + 1 + 1 + 1)) // 3 loaders × (t/plain's 2 profiles, t/truncated, t/bad, t/offset);
  }, 30_000);

  it('lowers every call type into lines the driver accepts', async () => {
    const parsed = parseSteps(ALL_CALLS);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const world = worldFromFixtures(cc.fixtures, 'dlmem-v9', memfd.systemLibraries);
    const lowered = lowerCase({ id: 'all', steps: parsed.calls }, cc.fixtures, world, 4096);
    if ('error' in lowered) throw new Error(lowered.error);
    const run = await runDriver(memfd, cc.driver, lowered, limitsFor(10_000));
    if ('error' in run) throw new Error(run.error);
    expect(run.trace.driverError).toBeUndefined();
    expect(run.trace.end).toEqual({ kind: 'exit', code: 0 });
    expect(run.trace.steps).toHaveLength(parsed.calls.length);
    expect(run.trace.steps.filter((s) => s.unsupported !== undefined).map((s) => s.op)).toEqual(['dlrelocate', 'dlset-object-base', 'dlinfo', 'copy-object']);
  });

  it('ends a run that does not finish in time, and reports a command that cannot start', async () => {
    const sleeper: Loader = { ...host, command: () => ({ file: '/bin/sleep', args: ['30'], env: {} }) };
    const run = await runDriver(sleeper, cc.driver, { text: '', files: [] }, limitsFor(150));
    expect('trace' in run && run.trace).toMatchObject({ hello: undefined, end: { kind: 'timeout', ms: 150 } });
    const missing: Loader = { ...host, command: () => ({ file: join(root, 'no-such-ld.so'), args: [], env: {} }) };
    // No shell stands in between: a program that cannot start is a spawn error, not an exit status.
    const failed = await runDriver(missing, cc.driver, { text: '', files: [] }, limitsFor(5000));
    expect(failed).toEqual({ error: expect.stringMatching(/cannot start .*no-such-ld\.so/) });
  });
});
