import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TlaModule } from '../../spec/checks/lib/tla.js';
import { tlaParser } from '../../spec/checks/lib/tla.js';
import type { Call } from '../../model/types/calls.js';
import { testWorld } from '../../model/testing/world.js';
import { formatValue } from '../../spec/tlacheck/values.js';
import { type TraceSpecs, traceSpecs, validateCase } from './run.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The trace modules as on disk, Loader.tla changed by `edit`. */
async function specs(edit: (loader: string) => string = (t) => t): Promise<TraceSpecs> {
  const parser = await tlaParser();
  const modules: TlaModule[] = ['Loader', 'Dlmem', 'Norelocate'].map((name) => {
    const read = readFileSync(`${ROOT}spec/tla/${name}.tla`, 'utf8');
    const text = name === 'Loader' ? edit(read) : read;
    return { file: `spec/tla/${name}.tla`, text, tree: parser.parse(text) };
  });
  return traceSpecs(modules) as TraceSpecs;
}

const STEPS: Call[] = [
  { type: 'dlopen', as: 'h', file: 'ctor', mode: { flags: ['RTLD_NOW'] } },
  { type: 'dlopen', as: 'h2', file: 'ctor', mode: { flags: ['RTLD_NOW'] } },
  { type: 'dlclose', handle: 'h' },
  { type: 'dlclose', handle: 'h2' },
  { type: 'dlerror' },
];
const CASE = { id: 't/reopen', file: 'conformance/cases/t/reopen.case.yaml', steps: STEPS, profiles: ['dlmem-v9', 'norelocate-v2'] as const };

describe('trace validation', () => {
  it('finds every step of a case a step of the module, in each profile the case lists', async () => {
    const results = validateCase({ ...CASE, profiles: [...CASE.profiles] }, await specs(), (p) => testWorld(p));
    expect(results.map((r) => [r.module, r.transitions, r.disagreements.length])).toEqual([['Dlmem', 7, 0], ['Norelocate', 7, 0]]);
  });

  it('reports a step the module does not allow with both states and the clauses on either side', async () => {
    // A module in which dlclose never unloads: the model's last dlclose is no step of it.
    const broken = await specs((t) => t.replace('Unloads(os, k) ==\n    /\\ os[k].refs = 0', 'Unloads(os, k) ==\n    /\\ FALSE'));
    const [r] = validateCase({ ...CASE, profiles: ['norelocate-v2'] }, broken, (p) => testWorld(p));
    const d = r?.disagreements[0];
    expect(d).toMatchObject({ step: 4, action: 'Dlclose(2)', reason: 'no step of Dlclose from the state before reaches the state after (1 successors)' });
    expect(d?.modelClauses).toContain('base.dlclose.unload');
    expect(d?.tla).toMatchObject({ action: 'Dlclose > Release', differs: ['objs', 'log'] });
    expect(d?.tla?.clauses).toContain('base.dlclose.refcount');
    expect(formatValue(d?.before.get('log') ?? '')).toBe('<<[ev |-> "ctor", obj |-> 2]>>');
    expect(formatValue(d?.after.get('log') ?? '')).toBe('<<[ev |-> "ctor", obj |-> 2], [ev |-> "dtor", obj |-> 2]>>');
  });
});
