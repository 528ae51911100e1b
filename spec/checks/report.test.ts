import { describe, expect, it } from 'vitest';
import { formatProblem, formatReport } from './report.js';
import type { SpecCheckReport } from './run.js';

const report: SpecCheckReport = {
  results: [
    { check: 'REGISTRY', description: 'registry is fine', problems: [] },
    {
      check: 'TLA_PARSE',
      description: 'modules parse',
      problems: [
        { file: 'spec/tla/A.tla', line: 3, message: 'syntax error' },
        { file: 'spec/tla/B.tla', message: 'unreadable' },
      ],
    },
  ],
  coverage: [],
  notices: ['thread file t.txt not found'],
};

describe('formatReport', () => {
  const lines = formatReport(report).split('\n');

  it('groups problems under their check, with file:line', () => {
    expect(lines.slice(0, 4)).toEqual([
      'REGISTRY   ok',
      'TLA_PARSE  FAIL 2 problems — modules parse',
      '  spec/tla/A.tla:3: syntax error',
      '  spec/tla/B.tla: unreadable',
    ]);
  });

  it('prints notices, the coverage table and a verdict naming the failing checks', () => {
    expect(lines).toContain('notice: thread file t.txt not found');
    expect(lines.some((line) => line.startsWith('COVERAGE'))).toBe(true);
    expect(lines.at(-1)).toBe('spec:check: 2 problems in TLA_PARSE');
  });
});

describe('formatProblem', () => {
  it('leaves out an unknown line', () => {
    expect(formatProblem({ file: 'f', message: 'm' })).toBe('f: m');
  });
});
