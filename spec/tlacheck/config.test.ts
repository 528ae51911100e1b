import { describe, expect, it } from 'vitest';
import { tlaParser } from '../checks/lib/tla.js';
import { parseConfig } from './config.js';

const parse = async (text: string): Promise<ReturnType<typeof parseConfig>> => {
  const parser = await tlaParser();
  return parseConfig(text, 'M.cfg', (s) => parser.parse(s));
};

describe('configurations', () => {
  it('reads constants as TLA+ expressions, the definitions to check and the expected result', async () => {
    const result = await parse(`\\* a comment
CONSTANTS
    N = 3
    F = [i \\in {"a", "b"} |->
           <<i>>]
    G <- Small
INIT Init NEXT Next
INVARIANTS TypeOK InvA
    InvB
CONSTRAINT Bounded
CHECK_DEADLOCK FALSE
\\* @result invariant
\\* @distinct 12
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.config;
    expect([...c.constants.keys()]).toEqual(['N', 'F', 'G']);
    expect(c.constants.get('G')).toEqual({ kind: 'def', name: 'Small' });
    expect(c.constants.get('F')).toMatchObject({ kind: 'expr', expr: { k: 'funlit' } });
    expect(c).toMatchObject({ init: 'Init', next: 'Next', invariants: ['TypeOK', 'InvA', 'InvB'], constraints: ['Bounded'],
      checkDeadlock: false, expect: 'invariant', distinct: 12 });
  });

  it('refuses what it does not support and values that are not expressions', async () => {
    const result = await parse('CONSTANTS N = {1,\nINIT Init\nNEXT Next\nPROPERTY Live\n\\* @result maybe\n');
    expect(result).toEqual({ ok: false, errors: [
      'M.cfg: @result must be success, invariant or deadlock, got maybe',
      'M.cfg: PROPERTY is not supported (give INIT and NEXT; invariants only)',
      'M.cfg: the value of N is not a TLA+ expression: {1,',
    ] });
    expect(await parse('INIT Init\n')).toEqual({ ok: false, errors: ['M.cfg: NEXT must name one definition, got none'] });
  });
});
