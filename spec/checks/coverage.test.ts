import { describe, expect, it } from 'vitest';
import { COVERAGE_COLUMNS, coverageRows, coverageTotals } from './coverage.js';
import { loadFixture } from './testing.js';

describe('coverageRows', () => {
  it('computes each column of the good fixture from SPEC.md, TLA+ tags, model/ and conformance/cases/', async () => {
    const rows = coverageRows(await loadFixture('good'));
    // One row per clause, in chapter order; columns SPEC, TLA+, model, cases.
    expect(rows.map((row) => COVERAGE_COLUMNS.map((column) => (row[column] ? 1 : 0)).join(''))).toEqual([
      '1101', // base, first: tagged, and cited by conformance/cases/open.c
      '1100', // base, second: tagged through Close
      '1110', // dlmem, first: tagged and cited by the model
      '1010', // dlmem, second: cited by the model only
      '1000',
      '1000',
      '1000', // fdlopen: README.md citations count for no column
      '1000',
      '1100', // noreloc: tagged
    ]);
    expect(coverageTotals(rows)).toEqual({ spec: 9, tla: 4, model: 2, cases: 1 });
  });

  it('shows what a stale SPEC.md lacks', async () => {
    const rows = coverageRows(await loadFixture('broken'));
    expect(rows.map((row) => row.spec)).toEqual([true, false]);
  });
});
