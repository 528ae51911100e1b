import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../bench/scenarios.js';
import { initialState } from '../state/initial.js';
import { step } from '../step.js';
import type { ModelState } from '../types/state.js';
import { sampleWorld } from '../world/sample.js';
import { explore, stateKey } from './explore.js';

/** The key as JSON with a replacer that turns a Map anywhere in the state into its entries. */
const everywhere = (state: ModelState): string => JSON.stringify(state, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));

describe('stateKey', () => {
  it('is the JSON of the state with every Map, wherever it is, as its entries', () => {
    let compared = 0;
    for (const scenario of SCENARIOS) {
      const world = sampleWorld(scenario.profile);
      let states: ModelState[] = [initialState()];
      for (const call of scenario.calls) {
        states = states.flatMap((s) => { const r = step(s, call, world); return r.kind === 'outcomes' ? r.outcomes.map((o) => o.next) : []; });
        for (const s of states) { expect(stateKey(s)).toBe(everywhere(s)); compared += 1; }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('tells states apart by their maps and merges equal ones in an exploration', () => {
    const s = initialState();
    const bound = { ...s, vars: new Map([['h', { kind: 'null' } as const]]) };
    expect(stateKey(bound)).not.toBe(stateKey(s));
    expect(stateKey({ ...bound, vars: new Map(bound.vars) })).toBe(stateKey(bound));
    const world = sampleWorld('dlmem-v9');
    const twice = explore(world, s, [{ type: 'dlerror' }, { type: 'dlerror' }]);
    expect(twice.map((x) => x.outcomes.length)).toEqual([1, 1]);
  });
});
