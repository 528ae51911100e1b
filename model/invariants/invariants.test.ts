import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import type { LoadedObject, ModelState } from '../types/state.js';
import { initialState } from '../state/initial.js';
import { testWorld } from '../testing/world.js';
import { INVARIANTS, checkInvariants } from './invariants.js';

const world = testWorld('norelocate-v2');
const base = initialState();
const dlopenCall: Call = { type: 'dlopen', file: 'plain', mode: { flags: ['RTLD_NOW'] } };

function object(id: number, patch: Partial<LoadedObject> = {}): LoadedObject {
  return { ...(base.objects[0] as LoadedObject), id, image: 'ctor', system: false, via: 'dlopen', name: 'libctor.so', ...patch };
}

function outcome(next: ModelState, patch: Partial<Outcome> = {}): Outcome {
  return { ret: { kind: 'none' }, error: { kind: 'none' }, next, effects: [], cites: ['base.dlopen.dedup'], firmness: 'specified', ...patch };
}

function broken(prev: ModelState, o: Outcome, call: Call = dlopenCall): string[] {
  return checkInvariants(prev, call, o, world).map((m) => m.split(':')[0] as string);
}

describe('invariants', () => {
  it('accept an unchanged state', () => {
    expect(checkInvariants(base, dlopenCall, outcome(base), world)).toEqual([]);
  });

  it('each catches the breakage it exists for', () => {
    const region = { id: 'src', kind: 'file-private', length: 8192, content: { image: 'plain' }, contentAt: 0, aligned: true,
      prot: { r: true, w: false, x: false }, virgin: true, mapped: true, below4g: false } as const;
    const withRegion: ModelState = { ...base, regions: new Map([['src', region]]) };
    const changed: ModelState = { ...base, regions: new Map([['src', { ...region, prot: { r: true, w: true, x: false } }]]) };
    expect(broken(withRegion, outcome(changed))).toContain('source-untouched');

    const twoCtors: ModelState = { ...base, objects: [...base.objects, object(1)], events: [{ kind: 'ctor', object: 1 }, { kind: 'ctor', object: 1 }] };
    expect(broken(base, outcome(twoCtors))).toContain('ctors-at-most-once');

    const early: ModelState = { ...base, objects: [...base.objects, object(1, { status: 'unrelocated' })], events: [{ kind: 'ctor', object: 1 }] };
    expect(broken(base, outcome(early))).toContain('ctors-after-relocation');

    const relocated: ModelState = { ...base, objects: [...base.objects, object(1)] };
    expect(broken(relocated, outcome(relocated, { effects: [{ kind: 'relocated', object: 1 }] }))).toContain('relocated-once');

    const leak: ModelState = { ...base, objects: [...base.objects, object(1, { status: 'closed', refs: 2 })] };
    expect(broken(base, outcome(leak))).toContain('closed-holds-nothing');

    const orphanDtor: ModelState = { ...base, objects: [...base.objects, object(1)], events: [{ kind: 'dtor', object: 1 }] };
    expect(broken(base, outcome(orphanDtor))).toContain('dtor-after-ctor');

    expect(broken(base, outcome(base, { firmness: 'unspecified' }))).toContain('outcome-cites');
    expect(broken(base, outcome(base, { cites: ['dlmem.args.null-args'] }))).toContain('outcome-cites');

    expect(broken(base, outcome(base, { error: { kind: 'error', errno: 'EINVAL' } }))).toContain('failure-sets-dlerror');
  });

  it('every invariant names at least one clause', () => {
    for (const inv of INVARIANTS) expect(inv.clauses.length).toBeGreaterThan(0);
  });
});
