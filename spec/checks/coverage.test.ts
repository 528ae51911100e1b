import { describe, expect, it } from 'vitest';
import { COVERAGE_COLUMNS, coverageRows, coverageTotals } from './coverage.js';
import { loadFixture } from './testing.js';

describe('coverageRows', () => {
  it('computes each column of the good fixture from SPEC.md, TLA+ tags, model/ and conformance/cases/', async () => {
    const rows = coverageRows(await loadFixture('good'));
    // One row per clause, in chapter order; columns SPEC, TLA+, model, cases.
    expect(rows.map((row) => COVERAGE_COLUMNS.map((column) => (row[column] ? 1 : 0)).join(''))).toEqual([
      '1111', // base, first: tagged, cited by model/covered.ts and by conformance/cases/open.c
      '1110', // base, second: tagged through Close, and cited by the model
      '1110', // dlmem, first: tagged and cited by the model
      '1010', // dlmem, second: cited by the model only
      '1000', // an open question: nothing needs to cite it
      '1010',
      '1010', // fdlopen: cited by the model (README.md citations count for no column)
      '1000',
      '1110', // noreloc: tagged and cited by the model
    ]);
    expect(coverageTotals(rows)).toEqual({ spec: 9, tla: 4, model: 7, cases: 1 });
  });

  it('shows what a stale SPEC.md lacks', async () => {
    const rows = coverageRows(await loadFixture('broken'));
    expect(rows.map((row) => row.spec)).toEqual([true, false]);
  });
});
