import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ClauseJudgement, VerdictKind } from '../oracle/types.js';
import { resultCells } from './cells.js';
import { formatResultsMarkdown } from './markdown.js';
import { buildReport } from './report.js';
import { clauseMatrix, summarize, worse } from './summary.js';
import type { ResultEntry } from './types.js';
import { PartialResults, writeResults } from './write.js';
import { driverProtocolVersion } from '../protocol.js';

const dir = mkdtempSync(join(tmpdir(), 'dlspec-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function result(c: string, loader: string, verdict: VerdictKind, clauses: string[], judged: Record<string, ClauseJudgement> = {}): ResultEntry {
  return { case: c, file: `conformance/cases/${c}.case.yaml`, profile: 'dlmem-v9', loader, verdict, gaps: [], steps: [], clauses: clauses as ClauseId[], judged, ms: 1 };
}

const results: ResultEntry[] = [
  result('a/one', 'host', 'PASS', ['x.a', 'x.b'], { 'x.a': 'PASS', 'x.b': 'PASS' }),
  result('a/two', 'host', 'UNSPECIFIED', ['x.a'], { 'x.a': 'UNSPECIFIED' }),
  result('a/three', 'host', 'UNSUPPORTED', ['x.b', 'x.c']),
  result('a/one', 'musl', 'UNSUPPORTED', ['x.a', 'x.b']),
  result('a/two', 'musl', 'ERROR', ['x.a']),
  result('a/three', 'musl', 'UNSUPPORTED', ['x.b', 'x.c']),
  // A failure at step 2 that broke x.c only: x.d, which the case is about too, was never reached.
  { ...result('a/four', 'musl', 'FAIL', ['x.c', 'x.d'], { 'x.c': 'FAIL', 'x.e': 'PASS' }), divergence: { step: 2, call: 'dlsym(h, "f")', kind: 'wrong-value', allowed: ['&f in #1'], observed: 'NULL', violated: ['x.c' as ClauseId], clauses: ['x.c' as ClauseId, 'x.d' as ClauseId], detail: 'no f' } },
];

describe('summarize', () => {
  it('orders verdicts FAIL > ERROR > UNSPECIFIED > PASS > UNSUPPORTED', () => {
    expect(worse('PASS', 'UNSPECIFIED')).toBe('UNSPECIFIED');
    expect(worse('ERROR', 'FAIL')).toBe('FAIL');
    expect(worse('UNSUPPORTED', 'PASS')).toBe('PASS');
  });

  it('counts per loader and gives each clause the worst cell of its results: judged clauses only, FAIL only where broken', () => {
    const s = summarize(results);
    expect(s.byLoader).toEqual({ host: { PASS: 1, UNSPECIFIED: 1, UNSUPPORTED: 1 }, musl: { UNSUPPORTED: 2, ERROR: 1, FAIL: 1 } });
    expect(s.byClause).toEqual({
      'x.a': { host: 'UNSPECIFIED', musl: 'ERROR' },
      'x.b': { host: 'PASS', musl: 'UNSUPPORTED' },
      'x.c': { host: 'UNSUPPORTED', musl: 'FAIL' },
      'x.d': { musl: 'NOT-REACHED' },
      'x.e': { musl: 'PASS' },
    });
  });

  it('gives an XFAIL its broken clauses and a listed clause nothing judged no cell on a run that went to the end', () => {
    const xfail = { ...result('a/four', 'musl', 'XFAIL', ['x.c', 'x.d'], { 'x.c': 'FAIL' }) };
    expect(resultCells(xfail)).toEqual({ 'x.c': 'XFAIL', 'x.d': 'NOT-REACHED' });
    expect(resultCells(result('a/one', 'host', 'PASS', ['x.a', 'x.z'], { 'x.a': 'PASS' }))).toEqual({ 'x.a': 'PASS' });
  });
});

describe('results files', () => {
  const outcome = {
    started: new Date('2026-01-01T00:00:00Z'), finished: new Date('2026-01-01T00:01:00Z'), interrupted: false, problems: ['--libc /x: /x does not exist'],
    loaders: [{ id: 'host', description: 'h' }, { id: 'musl', description: 'm' }], results,
  };
  const report = buildReport(outcome, { root: dir, caseGlob: 'a/*' }, 2, '0.1.0');

  it('records versions, options, the machine and the summary', () => {
    expect(report).toMatchObject({ dlspec: '0.1.0', driverProtocolVersion, started: '2026-01-01T00:00:00.000Z', seed: null,
      options: { jobs: 2, timeoutMs: 10_000, caseGlob: 'a/*', loaders: [], libcDirs: [] } });
    expect(report.kernel).not.toBe('');
  });

  it('writes the clause matrix and every failure with its first divergence', () => {
    const md = formatResultsMarkdown(report);
    expect(md).toContain('| `x.c` | UNSUPPORTED | FAIL |');
    expect(md).toContain('| `x.d` |  | NOT-REACHED |');
    expect(md).toContain('- broke: `x.c`');
    expect(md).toContain('### a/four [musl, dlmem-v9]');
    expect(md).toContain('Step 2: `dlsym(h, "f")` (wrong-value)');
    expect(md).toContain('- --libc /x: /x does not exist');
  });

  it('appends results as they come, then writes results.json and results.md', () => {
    const partial = new PartialResults(dir);
    partial.add(results[0] as ResultEntry);
    partial.add(results[1] as ResultEntry);
    const lines = readFileSync(join(dir, 'partial.ndjson'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as ResultEntry).case)).toEqual(['a/one', 'a/two']);
    expect(writeResults(dir, report)).toBeUndefined();
    partial.remove();
    expect(existsSync(join(dir, 'partial.ndjson'))).toBe(false);
    expect((JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { results: unknown[] }).results).toHaveLength(7);
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).toMatch(/^# Conformance results/);
    expect(writeResults(join(dir, 'results.json', 'sub'), report)).toMatch(/^cannot write the results/);
  });
});

describe('clauseMatrix', () => {
  it('drops NOT-REACHED where another result ran a case listing the clause to the end', () => {
    const ended = { ...result('a/five', 'musl', 'FAIL', ['x.f'], {}), divergence: { step: 1, call: 'c', kind: 'hang' as const, allowed: [], observed: '', violated: [], clauses: [], detail: '' } };
    expect(clauseMatrix([ended])).toEqual({ 'x.f': { musl: 'NOT-REACHED' } });
    expect(clauseMatrix([ended, result('a/five[source=heap]', 'musl', 'PASS', ['x.f'], {})])).toEqual({});
  });
});
