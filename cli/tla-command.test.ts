import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTlaCheck } from './tla-command.js';

const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

const MODULE = `---- MODULE Counter ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
\\* @clauses base.call.returns
Inc == x < 3 /\\ x' = x + 1
Next == Inc
InvSmall == x < 2
====
`;

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dlspec-tla-'));
  temps.push(root);
  mkdirSync(join(root, 'spec/tla'), { recursive: true });
  writeFileSync(join(root, 'spec/tla/Counter.tla'), MODULE);
  writeFileSync(join(root, 'spec/tla/Counter.cfg'), 'INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n\\* @distinct 4\n');
  writeFileSync(join(root, 'broken.cfg'), 'INIT Init\nNEXT Next\nINVARIANT InvSmall\n');
  return root;
}

async function check(root: string, module?: string, constants?: string): Promise<{ lines: string[]; code: number }> {
  const lines: string[] = [];
  const code = await runTlaCheck(root, module, constants, (line) => lines.push(line));
  return { lines, code };
}

describe('dlspec tla check', () => {
  it('explores each module with its configurations and prints the states and invariants', async () => {
    const { lines, code } = await check(repo());
    expect(lines).toEqual(['Counter', '  spec/tla/Counter.cfg: 4 states generated, 4 distinct states, depth 3; no invariant to check', '  dead code: none']);
    expect(code).toBe(0);
  });

  it('prints a broken invariant with its shortest trace and exits 1', async () => {
    const root = repo();
    const { lines, code } = await check(root, 'Counter', join(root, 'broken.cfg'));
    expect(lines.slice(0, 7)).toEqual(['Counter', '  broken.cfg: 3 states generated, 3 distinct states, depth 2; invariant InvSmall is violated, shortest trace (3 states):',
      '    1. Init', '       x = 0', '    2. Inc', '       x = 1', '    3. Inc']);
    expect(code).toBe(1);
  });

  it('refuses a module that does not exist and --constants without a module', async () => {
    const root = repo();
    expect(await check(root, 'Nope')).toEqual({ lines: ['dlspec tla check: there is no spec/tla/Nope.tla'], code: 2 });
    expect((await check(root, undefined, 'broken.cfg')).code).toBe(2);
  });
});
