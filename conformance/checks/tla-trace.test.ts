import { describe, expect, it } from 'vitest';
import { type Value, recordOf } from '../../spec/tlacheck/values.js';
import { tlaTraceCheck } from './tla-trace.js';

const STATE = new Map<string, Value>([['err', 'none'], ['ret', recordOf({ kind: 'none', val: 0 })]]);

describe('TLA_TRACE', () => {
  it('reports each disagreement at its case file with both states and the clauses on either side', () => {
    const check = tlaTraceCheck([{
      caseId: 't/x', file: 'conformance/cases/t/x.case.yaml', profile: 'dlmem-v9', module: 'Dlmem', problem: undefined, transitions: 3,
      disagreements: [{
        step: 2, action: 'DlerrorCall()', reason: 'no step of DlerrorCall from the state before reaches the state after (1 successors)',
        before: STATE, after: new Map<string, Value>([['err', 'none'], ['ret', recordOf({ kind: 'string', val: 0 })]]),
        modelClauses: ['base.dlerror.once'], tla: { action: 'DlerrorCall > Dlerror', clauses: ['base.dlerror.success-silent'], differs: ['ret'] },
      }],
    }]);
    expect(check.run({} as never)).toEqual([{ file: 'conformance/cases/t/x.case.yaml', message: [
      't/x [dlmem-v9] step 2, Dlmem DlerrorCall(): no step of DlerrorCall from the state before reaches the state after (1 successors)',
      '  state before:', '    err = "none"', '    ret = [kind |-> "none", val |-> 0]',
      '  state after (what changed):', '    ret = [kind |-> "string", val |-> 0]',
      '  the model\'s outcome cites: base.dlerror.once',
      '  the closest TLA+ step (DlerrorCall > Dlerror) differs in ret; it cites: base.dlerror.success-silent',
    ].join('\n') }]);
  });

  it('passes with no disagreement, and fails when validation could not run', () => {
    expect(tlaTraceCheck([]).run({} as never)).toEqual([]);
    expect(tlaTraceCheck({ problem: 'no cc' }).run({} as never)).toEqual([{ file: 'spec/tla', message: 'no cc' }]);
  });
});
