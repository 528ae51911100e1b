import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContext } from './context.js';
import { formatProblem } from './report.js';
import { THREAD_FIXTURE, copyFixture, removeFixtureCopies } from './testing.js';
import { tlaCheckCheck } from './tla-check.js';

afterAll(removeFixtureCopies);

const CONFIG = 'INIT Init\nNEXT Next\nINVARIANTS TypeOK\n\\* @result success\n';

async function problems(configs: Readonly<Record<string, string>>, module?: string): Promise<string[]> {
  const root = copyFixture('good');
  for (const [name, text] of Object.entries(configs)) writeFileSync(join(root, 'spec/tla', name), text);
  if (module !== undefined) writeFileSync(join(root, 'spec/tla/Good.tla'), module);
  return tlaCheckCheck.run(await loadContext(root, { threadPath: THREAD_FIXTURE })).map(formatProblem);
}

describe('TLA_CHECK', () => {
  it('passes when every configuration gives the result it records and nothing is dead', async () => {
    expect(await problems({ 'Good.cfg': `${CONFIG}\\* @distinct 4\n` })).toEqual([]);
  });

  it('fails on a result or a distinct-state count other than the one recorded', async () => {
    const broken = CONFIG.replace('TypeOK', 'TypeOK InvRelocatedLoaded');
    expect(await problems({ 'Good.cfg': `${CONFIG}\\* @distinct 5\n`, 'Good.small.cfg': broken })).toEqual([
      'spec/tla/Good.cfg: expected 5 distinct states, found 4',
      'spec/tla/Good.small.cfg: expected success, found InvRelocatedLoaded violated after 3 steps',
    ]);
  });

  it('names an action no configuration enables, and a bullet out of line', async () => {
    const text = `---- MODULE Good ----
EXTENDS Naturals
VARIABLES loaded, relocated
TypeOK == loaded \\in BOOLEAN /\\ relocated \\in BOOLEAN
Init == loaded = FALSE /\\ relocated = FALSE
\\* @clauses base.dlopen.dedup
Open == loaded' = TRUE /\\ UNCHANGED relocated
\\* @clauses noreloc.defer.ctors
Relocate == relocated /\\ ~loaded /\\ loaded' = loaded /\\ relocated' = FALSE
Next == \\/ Open
        \\/ Relocate
         \\/ FALSE
InvRelocatedLoaded == relocated => loaded
====
`;
    expect(await problems({ 'Good.cfg': CONFIG.replace('TypeOK', 'TypeOK InvRelocatedLoaded') }, text)).toEqual([
      'spec/tla/Good.tla:12: the bullet at 12:10 is not in line with the list at column 9 above it: it reads as an infix operator',
      'spec/tla/Good.tla:9: Relocate: action Relocate is never enabled in any configuration',
    ]);
  });
});
