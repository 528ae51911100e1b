import { describe, expect, it } from 'vitest';
import { COVERAGE_COLUMNS, coverageRows, coverageTotals } from './coverage.js';
import { loadContext } from './context.js';
import { THREAD_FIXTURE, fixtureRoot, loadFixture } from './testing.js';

describe('coverageRows', () => {
  it('computes SPEC and TLA+ from the files, and model, cases and judged from the judged coverage it is given', async () => {
    const rows = coverageRows(await loadFixture('good'));
    // One row per clause, in chapter order; columns SPEC, TLA+, model, cases, judged.
    expect(rows.map((row) => COVERAGE_COLUMNS.map((column) => (row[column] ? 1 : 0)).join(''))).toEqual([
      '11111', // base, first: tagged, cited by an outcome, listed by a case and judged
      '11100', // base, second: tagged through Close, cited by the model; not observable, so no case
      '11111', // dlmem, first
      '10111',
      '10010', // an open question: no model branch needs to cite it, a case lists it, nothing judges it
      '10111',
      '10111', // fdlopen
      '10000', // unspecified and not observable: nothing needs to cite it
      '11111', // noreloc
    ]);
    expect(coverageTotals(rows)).toEqual({ spec: 9, tla: 4, model: 7, cases: 7, judged: 6 });
  });

  it('leaves the judged columns empty when no judged coverage was computed, whatever the files say', async () => {
    const rows = coverageRows(await loadContext(fixtureRoot('good'), { threadPath: THREAD_FIXTURE }));
    expect(coverageTotals(rows)).toMatchObject({ model: 0, cases: 0, judged: 0 });
  });

  it('shows what a stale SPEC.md lacks', async () => {
    const rows = coverageRows(await loadFixture('broken'));
    expect(rows.map((row) => row.spec)).toEqual([true, false]);
  });
});
