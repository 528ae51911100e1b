import { describe, expect, it } from 'vitest';
import { CLAUSE_FACTS, type ClauseId } from '../../spec/clause-ids.gen.js';
import type { CaseDef } from '../case-file/case.js';
import type { ResultEntry } from '../report/types.js';
import { doneKey } from '../runner/run.js';
import type { Mutant } from './catalogue.js';
import { casesJudging, outsideFocus } from './focus.js';

const [x, y, z] = Object.keys(CLAUSE_FACTS) as [ClauseId, ClauseId, ClauseId];
const kase = (id: string, clauses: ClauseId[]): CaseDef => ({ id, clauses } as unknown as CaseDef);
const judged = (c: string, loader: string, clauses: ClauseId[]): ResultEntry =>
  ({ case: c, loader, judged: Object.fromEntries(clauses.map((k) => [k, 'PASS'])) } as unknown as ResultEntry);
const mutant = (id: string, clause: ClauseId): Mutant => ({ id, clause, base: 'libc', does: 'departs' });

describe('the focus of a mutant', () => {
  const cases = [kase('a', [x]), kase('b', []), kase('c', [])];
  const judging = casesJudging(cases, [judged('b', 'host', [x, y]), judged('c', 'musl', [y])]);

  it('is the cases that list its clause or judged it on a base loader', () => {
    expect([...judging.get(x) ?? []].sort()).toEqual(['a', 'b']);
    expect([...judging.get(y) ?? []].sort()).toEqual(['b', 'c']);
    expect(judging.get(z)).toBeUndefined();
  });

  it('skips every base run and, for each mutant loader, the cases outside its focus', () => {
    const skip = outsideFocus(cases, ['host'], [mutant('mx', x), mutant('mz', z)], judging);
    expect([...skip].sort()).toEqual([
      doneKey('a', 'host'), doneKey('b', 'host'), doneKey('c', 'host'),
      doneKey('c', 'host~mx'), doneKey('a', 'host~mz'), doneKey('b', 'host~mz'), doneKey('c', 'host~mz'),
    ].sort());
  });
});
