import { describe, expect, it } from 'vitest';
import { testWorld } from '../testing/world.js';
import type { Outcome } from '../types/outcome.js';
import { DEFER, outcomesOf, stateAfter, unloads } from './lib/chain.js';

const br = testWorld('norelocate-branch');
const load = { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER } as const;
// The list as the branch gives it: libc left out (noreloc.deplist.extra), no open counts of its own.
const list = { call: { type: 'dlinfo', as: 'deps', handle: 'h', request: 'RTLD_DI_DEPLIST' } as const, pick: (o: Outcome) => unloads(o) && o.value?.kind === 'deplist' && o.value.objects.length === 1 };
const relocateDep = { type: 'dlrelocate', handle: 'deps[0]' } as const;

describe('dlrelocate on an unrelocated dependency (noreloc.dlrelocate.dependency)', () => {
  it('is refused when only the object that loaded it holds it', () => {
    const outcomes = outcomesOf(br, stateAfter(br, [load, list]), relocateDep);
    expect(outcomes.map((o) => o.ret)).toEqual([{ kind: 'int', value: -1 }]);
    expect(outcomes[0]?.cites).toContain('noreloc.dlrelocate.dependency');
  });

  it('is refused when the only extra open count is one RTLD_DI_DEPLIST may give its handles (noreloc.deplist.refcount)', () => {
    const counted = { ...list, pick: (o: Outcome) => o.cites.includes('noreloc.deplist.refcount') && o.value?.kind === 'deplist' && o.value.objects.length === 1 };
    const s = stateAfter(br, [load, counted]);
    expect(s.objects.find((o) => o.image === 'plain')?.refs).toBe(1);
    expect(outcomesOf(br, s, relocateDep).map((o) => o.ret)).toEqual([{ kind: 'int', value: -1 }]);
  });

  it('is refused or relocates it when the caller opened it with RTLD_NORELOCATE too: an open question', () => {
    const s = stateAfter(br, [load, { type: 'dlopen', as: 'p', file: 'plain', mode: DEFER }, list]);
    const outcomes = outcomesOf(br, s, relocateDep);
    expect(outcomes.map((o) => o.ret)).toEqual([{ kind: 'int', value: -1 }, { kind: 'int', value: 0 }]);
    for (const o of outcomes) expect(o).toMatchObject({ firmness: 'unspecified', cites: expect.arrayContaining(['noreloc.dlrelocate.dependency-opened']) });
    expect(outcomes[1]?.effects.some((e) => e.kind === 'relocated')).toBe(true);
  });
});
