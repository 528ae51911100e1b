import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConformanceCommand } from '../../cli/run-command.js';
import { REPO_ROOT } from '../build/cache.js';
import type { CaseDef } from '../case-file/case.js';
import type { Divergence } from '../oracle/types.js';
import { formatResultsMarkdown, summarize, type ResultEntry, type RunReport } from '../report/index.js';
import { CASES } from '../runner/testing.js';
import { applyExpectations, casesById, expectationsFileName, loadExpectations, parseExpectations } from './index.js';

const caseDef = (id: string, profiles: CaseDef['profiles']): CaseDef => ({ id, profiles, description: '', clauses: [], features: [], steps: [], file: '' });
const CASE_MAP = new Map<string, CaseDef>([['a/fails', caseDef('a/fails', ['dlmem-v9', 'dlmem-branch'])], ['a/passes', caseDef('a/passes', ['dlmem-v9'])]]);

const divergence = (kind: Divergence['kind'], step: number): Divergence => ({ step, call: 'c', kind, allowed: [], observed: '', violated: [], clauses: [], detail: '' });

function result(c: string, verdict: ResultEntry['verdict'], d?: Divergence, profile: ResultEntry['profile'] = 'dlmem-v9', loader = 'host-glibc'): ResultEntry {
  return { case: c, file: `conformance/cases/${c}.case.yaml`, profile, loader, verdict, gaps: [], steps: [], clauses: [], ms: 0, ...(d === undefined ? {} : { divergence: d }) };
}

const FILE = `
- case: a/fails
  profile: dlmem-v9
  expect: FAIL
  kind: wrong-error
  step: 1
  why: "impl-bug: reports no errno"
- case: a/passes
  expect: FAIL
  kind: wrong-events
  step: 4
  why: "allowed-variance: never unloads"
`;

describe('expectation files', () => {
  it('are named after the loader, glibc build directories by basename', () => {
    expect(['host-glibc', 'musl+memfd', 'glibc:build-dlmem', 'glibc:build~2'].map(expectationsFileName))
      .toEqual(['host-glibc.yaml', 'musl+memfd.yaml', 'glibc-build-dlmem.yaml', 'glibc-build.yaml']);
  });

  it('parse valid entries and report every bad one by file and entry', () => {
    const ok = parseExpectations('host-glibc', 'x.yaml', FILE, CASE_MAP);
    expect(ok.problems).toEqual([]);
    expect(ok.entries).toEqual([
      { case: 'a/fails', profile: 'dlmem-v9', expect: 'FAIL', kind: 'wrong-error', step: 1, why: 'impl-bug: reports no errno', file: 'x.yaml' },
      { case: 'a/passes', expect: 'FAIL', kind: 'wrong-events', step: 4, why: 'allowed-variance: never unloads', file: 'x.yaml' },
    ]);
    const bad = parseExpectations('host-glibc', 'x.yaml', `
- { case: no/such, expect: FAIL, kind: wrong-error, step: 1, why: "spec-bug: x" }
- { case: a/fails, profile: norelocate-v2, expect: PASS, kind: oops, step: 0, why: "because", extra: 1 }
- { case: a/fails, profile: dlmem-v9, expect: FAIL, kind: hang, step: 2, why: "impl-bug: x" }
- { case: a/fails, profile: dlmem-v9, expect: FAIL, kind: hang, step: 3, why: "impl-bug: y" }
`, CASE_MAP);
    expect(bad.entries).toHaveLength(1);
    expect(bad.problems).toEqual([
      "x.yaml: entry 1 (no/such): no case 'no/such' exists",
      "x.yaml: entry 2 (a/fails): unknown key 'extra'",
      "x.yaml: entry 2 (a/fails): case 'a/fails' does not run in profile norelocate-v2",
      'x.yaml: entry 2 (a/fails): expect must be FAIL, not "PASS"',
      expect.stringMatching(/^x\.yaml: entry 2 \(a\/fails\): kind "oops" is not a divergence kind/),
      'x.yaml: entry 2 (a/fails): step must be a step number (1 or more)',
      "x.yaml: entry 2 (a/fails): why must say why, starting with 'impl-bug:', 'spec-bug:', 'allowed-variance:'",
      'x.yaml: entry 4 (a/fails): a second entry for a/fails in dlmem-v9',
    ]);
    expect(parseExpectations('l', 'x.yaml', 'a: 1', CASE_MAP).problems).toEqual(['x.yaml: an expectations file is a YAML list of entries']);
    expect(parseExpectations('l', 'x.yaml', '[', CASE_MAP).problems[0]).toMatch(/^x\.yaml: not YAML/);
  });

  it('in the repository are valid against the cases', () => {
    const cases = casesById(REPO_ROOT);
    for (const id of ['host-glibc', 'musl']) {
      const set = loadExpectations(REPO_ROOT, id, cases);
      expect(set.file).toBe(`conformance/expectations/${id}.yaml`);
      expect(set.problems).toEqual([]);
    }
  });
});

describe('applying expectations', () => {
  const set = parseExpectations('host-glibc', 'x.yaml', FILE, CASE_MAP);

  it('XFAIL for the expected failure, XPASS when it passes, FAIL with a note when it changed, a problem when it cannot be compared', () => {
    const results = [
      result('a/fails', 'FAIL', divergence('wrong-error', 1)),
      result('a/fails', 'FAIL', divergence('wrong-error', 1), 'dlmem-branch'),
      result('a/passes', 'PASS'),
      result('a/fails', 'FAIL', divergence('wrong-error', 1), 'dlmem-v9', 'musl'),
    ];
    const applied = applyExpectations(results, [set]);
    expect(applied.results.map((r) => r.verdict)).toEqual(['XFAIL', 'FAIL', 'XPASS', 'FAIL']);
    expect(applied.results[0]?.expected).toEqual({ kind: 'wrong-error', step: 1, why: 'impl-bug: reports no errno', file: 'x.yaml' });
    expect(applied.results[1]?.expected).toBeUndefined();
    expect(applied.results[2]?.note).toBe('expected to fail (wrong-events at step 4) but it now passes (PASS): remove the entry');
    expect(applied.results[3]).toBe(results[3]);
    expect(applied.summary).toEqual({ files: ['x.yaml'], entries: 2, xfail: 1, xpass: 1, changed: 0, problems: [] });

    const changed = applyExpectations([result('a/fails', 'FAIL', divergence('wrong-error', 2)), result('a/passes', 'FAIL', divergence('hang', 4)),
      result('a/passes', 'UNSPECIFIED'), result('a/fails', 'UNSUPPORTED')], [set]);
    expect(changed.results.map((r) => [r.verdict, r.note])).toEqual([
      ['FAIL', 'expected failure changed: was wrong-error at step 1, now wrong-error at step 2'],
      ['FAIL', 'expected failure changed: was wrong-events at step 4, now hang at step 4'],
      ['XPASS', 'expected to fail (wrong-events at step 4) but it now passes (UNSPECIFIED): remove the entry'],
      ['UNSUPPORTED', 'expected to fail (wrong-error at step 1) but the result is UNSUPPORTED: the entry cannot be checked'],
    ]);
    expect(changed.summary).toMatchObject({ xfail: 0, xpass: 1, changed: 2 });
    expect(changed.summary.problems).toEqual(['x.yaml: a/fails [host-glibc, dlmem-v9]: expected to fail (wrong-error at step 1) but the result is UNSUPPORTED: the entry cannot be checked']);
  });

  it('passes the file problems on, and shows up in the counts and results.md', () => {
    const withProblem = parseExpectations('host-glibc', 'x.yaml', `${FILE}- { case: gone/case, expect: FAIL, kind: hang, step: 1, why: "impl-bug: x" }\n`, CASE_MAP);
    const applied = applyExpectations([result('a/fails', 'FAIL', divergence('wrong-error', 1)), result('a/passes', 'PASS')], [withProblem]);
    expect(applied.summary.problems).toEqual(["x.yaml: entry 3 (gone/case): no case 'gone/case' exists"]);
    expect(summarize(applied.results).byLoader['host-glibc']).toEqual({ XFAIL: 1, XPASS: 1 });
    const report = { dlspec: '', driverProtocolVersion: 1, started: '', finished: '', interrupted: false, kernel: '', host: '', seed: null,
      options: { jobs: 1, timeoutMs: 1, caseGlob: null, loaders: [], libcDirs: [] }, loaders: [{ id: 'host-glibc', description: '' }], problems: [],
      results: applied.results, summary: summarize(applied.results), expectations: applied.summary } satisfies RunReport;
    const md = formatResultsMarkdown(report);
    expect(md).toMatch(/## Expectations\n\n`x\.yaml`: 2 entries; 1 XFAIL, 1 XPASS, 0 changed failure\(s\), 1 problem\(s\)\./);
    expect(md).toMatch(/Unexpected passes \(XPASS, an error: remove the entry\):\n\n\| case \| loader \| profile \| note \|\n.*\n\| a\/passes \| host-glibc \| dlmem-v9 \| expected to fail/);
    expect(md).toMatch(/- x\.yaml: entry 3 \(gone\/case\): no case 'gone\/case' exists/);
    expect(md).toMatch(/\| a\/fails \| host-glibc \| dlmem-v9 \| wrong-error at step 1 \| impl-bug: reports no errno \|/);
  });
});

describe('dlspec run --strict', () => {
  const root = mkdtempSync(join(tmpdir(), 'dlspec-expect-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exits 1 on an XPASS only when strict, and writes XPASS into results.json', async () => {
    mkdirSync(join(root, 'conformance/cases/t'), { recursive: true });
    mkdirSync(join(root, 'conformance/expectations'), { recursive: true });
    writeFileSync(join(root, 'conformance/cases/t/plain.case.yaml'), CASES['t/plain.case.yaml'] ?? '');
    writeFileSync(join(root, 'conformance/expectations/model.yaml'), '- { case: t/plain, profile: dlmem-v9, expect: FAIL, kind: wrong-value, step: 3, why: "impl-bug: test" }\n');
    const lines: string[] = [];
    const io = { print: (l: string) => lines.push(l) };
    // An XPASS makes the exit code 1, --strict or not.
    expect(await runConformanceCommand(root, { loader: ['model'] }, io)).toBe(1);
    expect(lines).toContain('expectations (conformance/expectations/model.yaml): 0 XFAIL, 1 XPASS, 0 changed failure(s), 0 problem(s)');
    expect(await runConformanceCommand(root, { loader: ['model'], strict: true }, io)).toBe(1);
    const report = JSON.parse(readFileSync(join(root, 'reports/latest.json'), 'utf8')) as RunReport;
    expect(report.results.map((r) => [r.profile, r.verdict])).toEqual([['dlmem-v9', 'XPASS'], ['norelocate-v2', 'PASS']]);
    expect(report.expectations).toMatchObject({ xpass: 1, files: ['conformance/expectations/model.yaml'] });
    expect(readFileSync(join(root, 'reports/latest.md'), 'utf8')).toMatch(/Unexpected passes/);
  }, 60_000);
});
