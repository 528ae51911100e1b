import { describe, expect, it } from 'vitest';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { errorEntry, malformedRef } from '../runner/results.js';
import { formatResultsMarkdown } from './markdown.js';
import { buildReport } from './report.js';
import type { ResultEntry } from './types.js';

const loaders = [{ id: 'model', description: 'the model' }, { id: 'host-glibc', description: 'h' }];
const malformedReason = "malformed case file: step 2 (dlmem): unknown key 'flagz' | see CASE_SCHEMA";
/** A malformed case file: one ERROR per loader, as the runner reports it. */
const malformed = loaders.map((l) => errorEntry(malformedRef('conformance/cases/dlmem/broken.case.yaml'), l.id, null, malformedReason));

function report(results: readonly ResultEntry[]): ReturnType<typeof buildReport> {
  return buildReport({ started: new Date('2026-01-01T00:00:00Z'), finished: new Date('2026-01-01T00:00:01Z'), interrupted: false, problems: [], loaders, results },
    { root: '/nowhere' }, 1, '0.1.0');
}

describe('results.md errors', () => {
  it('lists every ERROR with its case, profile, loader and reason after the failures', () => {
    const pass: ResultEntry = { case: 'baseline/dlsym', file: 'conformance/cases/baseline/dlsym.case.yaml', profile: 'dlmem-v9', loader: 'host-glibc', verdict: 'PASS',
      gaps: [], steps: [], clauses: ['base.dlsym.found' as ClauseId], judged: { 'base.dlsym.found': 'PASS' }, ms: 1 };
    const driver = { ...pass, case: 'dlmem/crash', verdict: 'ERROR' as const, judged: {}, reason: 'the driver said: error\nsetup failed' };
    const md = formatResultsMarkdown(report([...malformed, pass, driver]));
    expect(md).toContain('**3 ERROR results**: the harness could not judge them; the reasons are under [Errors](#errors).');
    expect(md.indexOf('## Errors')).toBeGreaterThan(md.indexOf('## Failures'));
    const malformedRow = (loader: string): string => `| \`dlmem/broken\` | - | ${loader} | malformed case file: step 2 (dlmem): unknown key 'flagz' \\| see CASE_SCHEMA |`;
    expect(md.slice(md.indexOf('## Errors')).split('\n').slice(0, 9)).toEqual([
      '## Errors', '', '3 ERROR results: the harness could not judge the case (a malformed case file, a driver or setup fault).', '',
      '| case | profile | loader | reason |', '| --- | --- | --- | --- |',
      malformedRow('model'), malformedRow('host-glibc'), '| `dlmem/crash` | dlmem-v9 | host-glibc | the driver said: error setup failed |',
    ]);
  });

  it('says why the clause matrix is empty when only a malformed case ran', () => {
    const md = formatResultsMarkdown(report(malformed));
    expect(md).toContain('## Clauses\n\nNo clause was judged: 2 results, 2 of them ERROR (see Errors below).');
    expect(md).not.toContain('No case ran.');
    expect(md).toContain('## Failures\n\nNone.');
    expect(md).toContain('## Errors\n\n2 ERROR results');
  });

  it('says so when nothing ran and when nothing failed to run', () => {
    const empty = formatResultsMarkdown(report([]));
    expect(empty).toContain('## Clauses\n\nNo case ran.');
    expect(empty).toContain('## Errors\n\nNone.');
    expect(empty).not.toContain('ERROR result');
  });
});
