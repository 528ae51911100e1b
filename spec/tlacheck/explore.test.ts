import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatModuleRun } from './format.js';
import { checked } from './testing.js';

const COUNTER = `EXTENDS Naturals, Sequences
CONSTANTS Max
VARIABLES x, y
Init == x = 0 /\\ y \\in {0, 1}
\\* @clauses base.call.returns
Inc == /\\ x < Max
       /\\ x' = x + 1
       /\\ UNCHANGED y
\\* @clauses base.call.returns
Reset == /\\ x = Max
         /\\ IF y = 0 THEN x' = 0 /\\ y' = 1 ELSE x' = 0 /\\ y' = y
Next == Inc \\/ Reset
InvBound == x <= Max
InvSmall == x < 2`;

const CONFIG = 'CONSTANTS Max = 3\nINIT Init\nNEXT Next\nINVARIANT InvBound\n\\* @distinct 8\n';

describe('model checking', () => {
  it('explores every reachable state once and checks each invariant in each', async () => {
    const run = await checked({ Counter: COUNTER }, 'Counter', { 'Counter.cfg': CONFIG });
    const r = run.runs[0];
    expect(r?.problems).toEqual([]);
    expect(r?.exploration).toMatchObject({ distinct: 8, generated: 10, depth: 3, violation: undefined });
    expect(run.dead).toEqual([]);
  });

  it('shows a broken invariant with the shortest trace to it', async () => {
    const run = await checked({ Counter: COUNTER }, 'Counter', { 'Bad.cfg': CONFIG.replace('InvBound', 'InvBound InvSmall') });
    const lines = formatModuleRun(run);
    expect(lines[1]).toMatch(/invariant InvSmall is violated, shortest trace \(3 states\):$/);
    expect(lines.slice(2, 9)).toEqual(['    1. Init', '       x = 0', '       y = 0', '    2. Inc', '       x = 1', '    3. Inc', '       x = 2']);
    expect(run.runs[0]?.problems).toEqual(['Bad.cfg: expected success, found InvSmall violated after 2 steps']);
  });

  it('reports a deadlock, and accepts it when the configuration records it', async () => {
    const stuck = COUNTER.replace('Next == Inc \\/ Reset', 'Next == Inc');
    const run = await checked({ Counter: stuck }, 'Counter', { 'C.cfg': 'CONSTANTS Max = 1\nINIT Init\nNEXT Next\n\\* @result deadlock\n' });
    expect(run.runs[0]?.exploration?.violation).toMatchObject({ kind: 'deadlock', trace: [{ action: 'Init' }, { action: 'Inc' }] });
    expect(run.runs[0]?.problems).toEqual([]);
  });

  it('reports actions no reachable state enables and branches never taken', async () => {
    const run = await checked({ Counter: COUNTER }, 'Counter', { 'C.cfg': 'CONSTANTS Max = 3\nINIT Init\nNEXT Next\nCONSTRAINT InvSmall\n' });
    expect(run.dead.map((d) => `${d.line} ${d.what}`)).toEqual(['11 action Reset is never enabled',
      '12 the THEN branch of the IF at 12:13 is never taken', '12 the ELSE branch of the IF at 12:13 is never taken']);
  });

  it('finds the ELSE branch of the first Dlmem.tla\'s Dlclose dead: nothing raised refs above 1 (fixtures/Dlmem-first.tla)', async () => {
    const text = readFileSync(new URL('fixtures/Dlmem-first.tla', import.meta.url), 'utf8');
    const config = `CONSTANTS Images = {1}
    GoodImages = {1}
    Namespaces = {0}
    MaxObjects = 1
INIT Init
NEXT Next
INVARIANTS TypeOK InvCtorsOnce InvDtorsAfterCtors InvPremapAtMostOnce InvSourceUntouched InvClosedHoldsNothing
`;
    const run = await checked({ Dlmem: text }, 'Dlmem', { 'Dlmem.cfg': config });
    expect(run.runs[0]?.exploration?.violation).toBeUndefined();
    expect(run.dead.map((d) => `${d.definition}:${d.line} ${d.what}`)).toContain('Dlclose:119 the ELSE branch of the IF at 116:8 is never taken');
  });
});
