import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.js';
import { satisfying } from './action.js';
import { type Ctx, modelOf } from './context.js';
import { Coverage } from './coverage.js';
import { specOf } from './testing.js';
import { type Value, formatValue } from './values.js';

const MODULE = `EXTENDS Naturals
VARIABLES x, y
Init == x \\in {1, 2} /\\ y = x + 1
\\* @clauses base.call.returns
Step(d) == \\/ /\\ x' = x + d
               /\\ UNCHANGED y
           \\/ \\E v \\in {7, 8} : x' = v /\\ y' = x
Next == \\E d \\in {1, 2} : Step(d)
Broken == x' = 1`;

async function setup(): Promise<{ ctx: Ctx; run: (name: string, state: Value[], next?: (Value | undefined)[]) => string[] }> {
  const spec = await specOf({ M: MODULE });
  const ctx: Ctx = { model: modelOf(spec, new Map()), state: [], next: undefined, env: undefined, at: undefined, cov: new Coverage() };
  const run = (name: string, state: Value[], next: (Value | undefined)[] = [undefined, undefined]): string[] => {
    const body = spec.defs.get(name)?.body as Expr;
    return satisfying(body, { ...ctx, state }, name === 'Init' ? 'init' : 'next', next).map((a) => a.map((v) => (v === undefined ? '?' : formatValue(v))).join(','));
  };
  return { ctx, run };
}

describe('actions', () => {
  it('enumerates the initial states, each assignment made by the first conjunct that mentions the variable', async () => {
    const { run } = await setup();
    expect(run('Init', [undefined, undefined] as unknown as Value[], [undefined, undefined])).toEqual(['1,2', '2,3']);
  });

  it('enumerates successors through disjunctions and \\E, with UNCHANGED as x\' = x', async () => {
    const { run, ctx } = await setup();
    expect(run('Next', [1, 5])).toEqual(['2,5', '7,1', '8,1', '3,5', '7,1', '8,1']);
    expect(ctx.cov?.enabled.has('Step')).toBe(true);
  });

  it('tests a step whose primed variables are given, and leaves a variable no conjunct assigns unassigned', async () => {
    const { run } = await setup();
    expect(run('Next', [1, 5], [3, 5])).toEqual(['3,5']);
    expect(run('Next', [1, 5], [3, 6])).toEqual([]);
    expect(run('Broken', [1, 5])).toEqual(['1,?']);
  });
});
