import { describe, expect, it } from 'vitest';
import type { CoverageRow } from './coverage.js';
import { formatCoverageMarkdown, formatCoverageTable } from './coverage-format.js';

const row = (id: string, covered: boolean): CoverageRow => ({
  id,
  status: 'implementation-defined',
  chapter: 'c',
  spec: true,
  tla: covered,
  model: false,
  cases: covered,
  judged: covered,
});

describe('formatCoverageTable', () => {
  const rows = [row('short', true), row(`long-${'x'.repeat(90)}`, false)];
  const lines = formatCoverageTable(rows).split('\n');

  it('fits a 100-column terminal, abbreviating long IDs and statuses', () => {
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(lines[4]).toMatch(/^long-x+… impl {4}✓ {6}· {6}· {6}· {6}·$/);
  });

  it('marks covered cells and totals each column', () => {
    expect(lines[3]).toMatch(/^short +impl {4}✓ {6}✓ {6}· {6}✓ {6}✓$/);
    expect(lines.at(-1)).toMatch(/^total \(2 clauses\) +2 +1 +0 +1 +1$/);
  });
});

describe('formatCoverageMarkdown', () => {
  it('renders a table with a totals row', () => {
    const markdown = formatCoverageMarkdown([row('short', true)]);
    expect(markdown.split('\n')).toEqual([
      '| Clause | Status | SPEC | TLA+ | model | cases | judged |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| `short` | implementation-defined | ✓ | ✓ | · | ✓ | ✓ |',
      '| **Total** (1) |  | 1 | 1 | 0 | 1 | 1 |',
    ]);
  });
});
