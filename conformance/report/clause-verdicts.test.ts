import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendClauseVerdicts, verdictSection } from './clause-verdicts.js';
import type { RunReport } from './types.js';

const report = {
  finished: '2026-01-01T00:00:05.000Z',
  summary: { byLoader: {}, byClause: { 'dlmem.args.unaligned-buffer': { model: 'PASS', 'host-glibc+memfd': 'FAIL' } } },
} as unknown as RunReport;

describe('clause verdicts', () => {
  it('renders a loader table for a clause with verdicts, and nothing for one without', () => {
    expect(verdictSection(report, 'dlmem.args.unaligned-buffer')).toContain('| host-glibc+memfd | FAIL |');
    expect(verdictSection(report, 'dlmem.args.null-args')).toBeUndefined();
  });

  it('appends the section to the clause pages that exist, and reports an unreadable results file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlspec-pages-'));
    writeFileSync(join(dir, 'dlmem.args.unaligned-buffer.md'), '# page\n');
    const results = join(dir, 'latest.json');
    writeFileSync(results, JSON.stringify(report));
    expect(appendClauseVerdicts(dir, results, ['dlmem.args.unaligned-buffer', 'dlmem.args.null-args'])).toBe(1);
    expect(readFileSync(join(dir, 'dlmem.args.unaligned-buffer.md'), 'utf8')).toMatch(/^# page\n\n## Latest verdicts\n/);
    writeFileSync(results, '{ not json');
    expect(appendClauseVerdicts(dir, results, [])).toMatch(/^cannot read .*latest\.json/);
    expect(appendClauseVerdicts(dir, join(dir, 'absent.json'), [])).toBe(0);
  });
});
