import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import { objectAt } from '../state/objects.js';
import { testWorld } from '../testing/world.js';
import { DEFER, NOW, ctorCount, one, outcomesOf, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const v1 = testWorld('norelocate-v1');
const v2 = testWorld('norelocate-v2');
const br = testWorld('norelocate-branch');
const sym = (handle: string, symbol: string, as = 's'): Call => ({ type: 'dlsym', as, handle, symbol });
const firm = { pick: (o: { firmness: string }) => o.firmness === 'specified' };

describe('dlsym: baseline', () => {
  it('finds a symbol a dependency defines and binds it (base.dlsym.found)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }]);
    const o = one(outcomesOf(v9, s, sym('h', 'ref1')));
    expect(o.firmness).toBe('specified');
    expect(o.cites).toEqual(['base.dlsym.found']);
    expect(o.ret).toEqual({ kind: 'symbol', object: 2, name: 'ref1' });
    expect(o.next.vars.get('s')).toEqual({ kind: 'symbol', object: 2, name: 'ref1' });
  });

  it('returns NULL with a message for a name defined nowhere in scope (base.dlsym.missing)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }]);
    const o = one(outcomesOf(v9, s, sym('h', 'cref1')));
    expect(o.ret).toEqual({ kind: 'null' });
    expect(o.error.kind).toBe('error');
    expect(o.cites).toEqual(['base.dlsym.missing']);
    expect(o.next.dlerror).not.toBeNull();
    expect(o.next.vars.get('s')).toEqual({ kind: 'null' });
  });

  it('searches only global objects with RTLD_DEFAULT', () => {
    const local = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }]);
    expect(one(outcomesOf(v9, local, sym('RTLD_DEFAULT', 'ref1'))).ret.kind).toBe('null');
    const global = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL'] } }]);
    expect(one(outcomesOf(v9, global, sym('RTLD_DEFAULT', 'ref1'))).ret).toEqual({ kind: 'symbol', object: 1, name: 'ref1' });
  });

  it('is undefined behaviour on a closed handle (base.dlclose.bad-handle)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlclose', handle: 'h' }]);
    const o = one(outcomesOf(v9, s, sym('h', 'ref1')));
    expect(o.firmness).toBe('undefined');
    expect(o.cites).toEqual(['base.dlclose.bad-handle']);
    expect(o.ret).toEqual({ kind: 'any' });
  });
});

describe('dlsym: RTLD_NORELOCATE', () => {
  it('relocates an unrelocated object first, constructors before the lookup (noreloc.trigger.dlsym)', () => {
    const s = stateAfter(v2, [{ call: { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER }, ...firm }]);
    const o = one(outcomesOf(v2, s, sym('h', 'ref1')));
    expect(o.firmness).toBe('specified');
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.trigger.first-operation', 'noreloc.trigger.dlsym', 'base.dlsym.found']));
    expect(o.effects).toEqual([{ kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
    expect(ctorCount(o.next, 1)).toBe(1);
    expect(o.ret).toEqual({ kind: 'symbol', object: 2, name: 'ref1' });
  });

  it('fails with NULL and leaves the object failed when that relocation fails (noreloc.trigger.implicit-failure)', () => {
    const s = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'undef-data', mode: DEFER }]);
    const o = one(outcomesOf(v2, s, sym('h', 'g')));
    expect(o.ret).toEqual({ kind: 'null' });
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.trigger.implicit-failure', 'base.dlopen.undefined-now']));
    expect(o.next.dlerror).not.toBeNull();
    expect(objectAt(o.next, 1).status).toBe('failed');
  });

  it('leaves a lookup after a failed relocation open: retry, fail, or answer from the failed image (noreloc.dlrelocate.after-failure-ops)', () => {
    const s = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'undef-data', mode: DEFER }, sym('h', 'g')]);
    const outcomes = outcomesOf(v2, s, sym('h', 'g'));
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.dlrelocate.after-failure-ops'))).toBe(true);
    expect(outcomes.flatMap((o) => o.cites)).not.toContain('noreloc.dlrelocate.after-failure');
    expect(outcomes.map((o) => o.error.kind === 'error' ? o.error.errno : 'none')).toEqual(['unspecified', 'none', 'EINVAL', 'unspecified']);
    // Going ahead answers from the image the failed relocation left, running no constructor.
    const ahead = one(outcomes, (o) => o.ret.kind === 'symbol');
    expect(ahead.effects).toEqual([]);
    expect(objectAt(ahead.next, 1).status).toBe('failed');
  });

  it('leaves the first form open: relocate first, look up unrelocated, or fail (noreloc.trigger.v1-implicit)', () => {
    // Whichever way the first form treats the dependencies at dlopen (noreloc.defer.deps-v1).
    for (const depsRelocated of [true, false]) {
      const s = stateAfter(v1, [{ call: { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER },
        pick: (o) => objectAt(o.next, 2).status === (depsRelocated ? 'relocated' : 'unrelocated') }]);
      const outcomes = outcomesOf(v1, s, sym('h', 'ref1'));
      expect(outcomes).toHaveLength(3);
      expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.trigger.v1-implicit'))).toBe(true);
      expect(outcomes.map((o) => objectAt(o.next, 1).status).sort()).toEqual(['relocated', 'unrelocated', 'unrelocated']);
    }
  });

  it('relocates the object and its deferred dependencies on the branch, constructors before the lookup (noreloc.trigger.branch-operations)', () => {
    const s = stateAfter(br, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER }]);
    const o = one(outcomesOf(br, s, sym('h', 'ref1')));
    expect(o.firmness).toBe('specified');
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.trigger.branch-operations', 'noreloc.trigger.dlsym', 'base.dlsym.found']));
    expect(o.cites).not.toContain('noreloc.trigger.first-operation');
    expect(o.effects).toEqual([{ kind: 'relocated', object: 2 }, { kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
    expect(o.ret).toEqual({ kind: 'symbol', object: 2, name: 'ref1' });
  });

  it('never relocates through RTLD_DEFAULT; an unrelocated global object is open (noreloc.defer.global-visibility)', () => {
    const s = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'plain', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL', 'RTLD_NORELOCATE'] } }]);
    const outcomes = outcomesOf(v2, s, sym('RTLD_DEFAULT', 'ref1'));
    expect(outcomes.map((o) => o.ret.kind)).toEqual(['symbol', 'null']);
    expect(outcomes.every((o) => o.cites.includes('noreloc.defer.global-visibility') && o.cites.includes('noreloc.trigger.not-handle'))).toBe(true);
    expect(outcomes.every((o) => o.effects.length === 0 && objectAt(o.next, 1).status === 'unrelocated')).toBe(true);
  });

  it('still finds a relocated global definition with RTLD_DEFAULT while another object is unrelocated (noreloc.trigger.not-handle)', () => {
    const s = stateAfter(v2, [
      { type: 'dlopen', as: 'g', file: 'plain', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL'] } },
      { type: 'dlopen', as: 'h', file: 'undef-func', mode: DEFER },
    ]);
    const o = one(outcomesOf(v2, s, sym('RTLD_DEFAULT', 'ref1')));
    expect(o.firmness).toBe('specified');
    expect(o.cites).toEqual(['noreloc.trigger.not-handle', 'base.dlsym.found']);
    expect(objectAt(o.next, 3).status).toBe('unrelocated');
  });
});

describe('dlsym through the main program\'s handle', () => {
  it('searches the global scope, as RTLD_DEFAULT does (base.dlsym.found)', () => {
    const s = stateAfter(v9, [
      { type: 'dlopen', as: 'g', file: 'plain', mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL'] } },
      { type: 'dlopen', as: 'm', file: null, mode: NOW },
    ]);
    expect(one(outcomesOf(v9, s, sym('m', 'ref1')))).toMatchObject({ ret: { kind: 'symbol', object: 1, name: 'ref1' }, cites: ['base.dlsym.found'] });
  });
});
