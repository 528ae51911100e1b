import { describe, expect, it } from 'vitest';
import { COVERAGE_COLUMNS, coverageRows, coverageTotals } from './coverage.js';
import { loadFixture } from './testing.js';

describe('coverageRows', () => {
  it('computes each column of the good fixture from SPEC.md, TLA+ tags, model/ and conformance/cases/', async () => {
    const rows = coverageRows(await loadFixture('good'));
    // One row per clause, in chapter order; columns SPEC, TLA+, model, cases.
    expect(rows.map((row) => COVERAGE_COLUMNS.map((column) => (row[column] ? 1 : 0)).join(''))).toEqual([
      '1111', // base, first: tagged, cited by model/covered.ts and by conformance/cases/open.c
      '1110', // base, second: tagged through Close, cited by the model; not observable, so no case
      '1111', // dlmem, first: tagged, cited by the model and by conformance/cases/covered.txt
      '1011',
      '1001', // an open question: no model branch needs to cite it, a case does
      '1011',
      '1011', // fdlopen (README.md citations count for no column)
      '1000', // unspecified and not observable: nothing needs to cite it
      '1111', // noreloc: tagged, cited by the model and a case
    ]);
    expect(coverageTotals(rows)).toEqual({ spec: 9, tla: 4, model: 7, cases: 7 });
  });

  it('shows what a stale SPEC.md lacks', async () => {
    const rows = coverageRows(await loadFixture('broken'));
    expect(rows.map((row) => row.spec)).toEqual([true, false]);
  });
});
