import { describe, expect, it } from 'vitest';
import { CLAUSE_FACTS, type ClauseId } from '../../spec/clause-ids.gen.js';
import type { ResultEntry } from '../report/types.js';
import type { Mutant } from './catalogue.js';
import { clauseReach } from './coverage.js';
import type { MatrixRow } from './matrix.js';

const ids = Object.keys(CLAUSE_FACTS) as ClauseId[];
const target = ids.filter((c) => CLAUSE_FACTS[c].status === 'normative' && CLAUSE_FACTS[c].observable && !CLAUSE_FACTS[c].callerRequirement);
const [a, b, c] = target as [ClauseId, ClauseId, ClauseId];
const informative = ids.find((id) => CLAUSE_FACTS[id].status !== 'normative')!;
const caller = ids.find((id) => CLAUSE_FACTS[id].callerRequirement)!;
const judged = (loader: string, j: Partial<Record<ClauseId, string>>): ResultEntry => ({ loader, judged: j } as unknown as ResultEntry);
const mutant = (id: string, clause: ClauseId, allowed?: string): Mutant => ({ id, clause, base: 'libc', does: 'departs', ...(allowed === undefined ? {} : { allowed }) });
const row = (m: string, clause: ClauseId, fate: MatrixRow['fate']): MatrixRow => ({ mutant: m, clause, loader: 'host', fate, kills: fate === 'killed' ? 1 : 0 });

describe('clauseReach', () => {
  it('targets the normative loader-bound clauses a base loader passed, and sorts them by what the mutants did', () => {
    const results = [
      judged('host', { [a]: 'PASS', [b]: 'PASS', [c]: 'PASS', [informative]: 'PASS', [caller]: 'PASS' }),
      judged('host~x', { [a]: 'FAIL' }),
    ];
    const mutants = [mutant('x', a), mutant('y', b), mutant('z', c, 'allowed after all')];
    const reach = clauseReach(mutants, ['host'], results, [row('x', a, 'killed'), row('y', b, 'survived'), row('z', c, 'allowed')]);
    expect(reach).toEqual({ targets: [a, b, c].sort((p, q) => ids.indexOf(p) - ids.indexOf(q)), killed: [a], notKilled: [b], noMutant: [c] });
  });

  it('leaves out a clause no base loader passed: a mutant loader passing it does not make it a target', () => {
    const reach = clauseReach([], ['host'], [judged('host', { [a]: 'FAIL', [b]: 'UNSPECIFIED' }), judged('host~x', { [c]: 'PASS' })], []);
    expect(reach.targets).toEqual([]);
  });
});
