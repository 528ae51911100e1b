import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import type { ModelState } from '../types/state.js';
import { initialState } from '../state/initial.js';
import { objectAt } from '../state/objects.js';
import { testWorld } from '../testing/world.js';
import { DEFER, NOW, ctorCount, one, outcomesOf, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const v1 = testWorld('norelocate-v1');
const v2 = testWorld('norelocate-v2');
const br = testWorld('norelocate-branch');
const open = (file: string | null, mode = NOW, as = 'h'): Call => ({ type: 'dlopen', as, file, mode });
const withPending = (state: ModelState): ModelState => ({ ...state, dlerror: { errno: 'EINVAL', cites: ['base.dlmopen.bad-nsid'] } });

describe('dlopen: baseline', () => {
  it('opens another file that has the same DT_SONAME as a loaded object as another object (base.dlopen.dedup is by file)', () => {
    const twins = testWorld('norelocate-branch', [{ name: 'plain', soname: 'libplain.so' }, { name: 'twin', soname: 'libplain.so' }]);
    const s = stateAfter(twins, [open('twin')]);
    const o = one(outcomesOf(twins, s, open('plain', NOW, 'p')));
    const twin = s.vars.get('h');
    const plain = o.ret.kind === 'handle' ? o.ret.object : -1;
    expect(twin).toMatchObject({ kind: 'handle' });
    expect(plain).not.toBe(twin?.kind === 'handle' ? twin.object : -1);
    expect(objectAt(o.next, plain)).toMatchObject({ image: 'plain', refs: 1 });
    expect(twin?.kind === 'handle' && objectAt(o.next, twin.object)).toMatchObject({ image: 'twin', refs: 1 });
  });

  it('loads the object and its dependencies, relocates them and runs constructors before returning (base.dlopen.ctors-before-return)', () => {
    const o = one(outcomesOf(v9, initialState(), open('ctor')));
    expect(o.firmness).toBe('specified');
    expect(o.cites).toContain('base.dlopen.ctors-before-return');
    expect(o.ret).toEqual({ kind: 'handle', object: 1 });
    expect(o.next.vars.get('h')).toEqual({ kind: 'handle', object: 1 });
    expect(o.value).toEqual({ kind: 'handle', object: 1 });
    expect(o.effects).toEqual([
      { kind: 'mapped', object: 1 }, { kind: 'mapped', object: 2 },
      { kind: 'relocated', object: 2 }, { kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 },
    ]);
    expect(objectAt(o.next, 1).status).toBe('relocated');
    expect(objectAt(o.next, 2).name).toBe('libplain.so');
  });

  it('leaves a pending dlerror() message alone on success (base.dlerror.success-silent)', () => {
    const o = one(outcomesOf(v9, withPending(initialState()), open('plain')));
    expect(o.error).toEqual({ kind: 'none' });
    expect(o.next.dlerror?.errno).toBe('EINVAL');
  });

  it('returns the same handle for an object already loaded, one more open count, nothing run again (base.dlopen.dedup)', () => {
    const s = stateAfter(v9, [open('ctor')]);
    const o = one(outcomesOf(v9, s, open('plain', NOW, 'h2')));
    expect(o.ret).toEqual({ kind: 'handle', object: 2 });
    expect(o.cites).toContain('base.dlopen.dedup');
    expect(o.effects).toEqual([]);
    expect(objectAt(o.next, 2).refs).toBe(1);
    expect(o.next.objects.length).toBe(s.objects.length);
  });

  it('with RTLD_NOLOAD returns NULL for an object not loaded and the handle of a loaded one (base.dlopen.noload)', () => {
    const noload = { flags: ['RTLD_NOW', 'RTLD_NOLOAD'] } as const;
    const misses = outcomesOf(v9, initialState(), open('plain', noload));
    expect(misses.map((o) => [o.ret.kind, o.error.kind, o.firmness])).toEqual([
      ['null', 'error', 'implementation-defined'], ['null', 'none', 'implementation-defined']]);
    for (const miss of misses) {
      expect(miss.cites).toEqual(['base.dlopen.noload']);
      expect(miss.next.objects.length).toBe(1);
      expect(miss.next.vars.get('h')).toEqual({ kind: 'null' });
    }
    expect(misses.map((o) => o.next.dlerror === null)).toEqual([false, true]);
    const s = stateAfter(v9, [open('plain')]);
    const hit = one(outcomesOf(v9, s, open('plain', noload, 'h2')));
    expect(hit.ret).toEqual({ kind: 'handle', object: 1 });
    expect(hit.cites).toEqual(expect.arrayContaining(['base.dlopen.noload', 'base.dlopen.dedup']));
    expect(objectAt(hit.next, 1).refs).toBe(2);
  });

  it('fails with ENOENT on a missing DT_NEEDED and leaves nothing loaded (base.dlopen.missing-dependency)', () => {
    const o = one(outcomesOf(v9, initialState(), open('needs-missing')));
    expect(o.ret).toEqual({ kind: 'null' });
    expect(o.error).toEqual({ kind: 'error', errno: 'ENOENT' });
    expect(o.cites).toContain('base.dlopen.missing-dependency');
    expect(o.next.dlerror?.errno).toBe('ENOENT');
    expect(o.next.objects.slice(1).every((x) => x.status === 'closed')).toBe(true);
  });

  it('fails on an undefined reference under RTLD_NOW; under RTLD_LAZY a PLT-only one is implementation-defined', () => {
    const now = one(outcomesOf(v9, initialState(), open('undef-func')));
    expect(now.ret).toEqual({ kind: 'null' });
    expect(now.cites).toContain('base.dlopen.undefined-now');
    expect(now.effects.filter((e) => e.kind === 'ctor')).toEqual([]);
    const lazy = outcomesOf(v9, initialState(), open('undef-func', { flags: ['RTLD_LAZY'] }));
    expect(lazy.map((o) => o.ret.kind).sort()).toEqual(['handle', 'null']);
    expect(lazy.every((o) => o.firmness === 'implementation-defined' && o.cites.includes('base.dlopen.undefined-lazy'))).toBe(true);
    // An undefined data reference: glibc fails, musl leaves it pending (base.dlopen.undefined-lazy).
    const data = outcomesOf(v9, initialState(), open('undef-data', { flags: ['RTLD_LAZY'] }));
    expect(data.map((o) => o.ret.kind).sort()).toEqual(['handle', 'null']);
    expect(data.every((o) => o.firmness === 'implementation-defined')).toBe(true);
  });

  it('returns the main program for a NULL file', () => {
    const o = one(outcomesOf(v9, initialState(), open(null)));
    expect(o.ret).toEqual({ kind: 'handle', object: 0 });
    expect(o.cites).toContain('base.dlopen.dedup');
  });

  it('validates the mode through lib/mode (base.dlopen.mode-binding, base.dlopen.mode-unknown-bits)', () => {
    const binding = outcomesOf(v9, initialState(), open('plain', { flags: [] }));
    expect(binding.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'implementation-defined'], ['handle', 'implementation-defined']]);
    expect(binding.every((o) => o.cites.includes('base.dlopen.mode-binding'))).toBe(true);
    const unknownBit = outcomesOf(v9, initialState(), open('plain', DEFER));
    expect(unknownBit.every((o) => o.cites.includes('base.dlopen.mode-unknown-bits'))).toBe(true);
    const loaded = one(unknownBit, (o) => o.ret.kind === 'handle');
    expect(objectAt(loaded.next, 1).status).toBe('relocated');
  });
});

describe('dlopen: RTLD_NORELOCATE', () => {
  it('loads without relocating and without running constructors (noreloc.mode.flag, noreloc.defer.*)', () => {
    const outcomes = outcomesOf(v2, initialState(), open('ctor', DEFER));
    const firm = one(outcomes, (o) => o.firmness === 'specified');
    expect(firm.cites).toEqual(expect.arrayContaining(['noreloc.mode.flag', 'noreloc.defer.relocation', 'noreloc.defer.ctors',
      'noreloc.defer.deps-loaded']));
    // ctor's dependency has no constructor: nothing to observe of noreloc.defer.deps-ctors here.
    expect(firm.cites).not.toContain('noreloc.defer.deps-ctors');
    expect(objectAt(firm.next, 1).status).toBe('unrelocated');
    expect(objectAt(firm.next, 2).status).toBe('relocated');
    expect(ctorCount(firm.next, 1)).toBe(0);
    const open2 = one(outcomes, (o) => o.firmness === 'unspecified');
    expect(open2.cites).toContain('noreloc.defer.deps-open');
    expect(objectAt(open2.next, 2).status).toBe('unrelocated');
  });

  it('cites no second-form or branch clause in the first form, and leaves its dependencies open (noreloc.defer.deps-v1)', () => {
    const outcomes = outcomesOf(v1, initialState(), open('ctor', DEFER));
    const cited = outcomes.flatMap((o) => o.cites);
    for (const clause of ['noreloc.defer.deps-loaded', 'noreloc.defer.deps-ctors', 'noreloc.defer.deps-deferred', 'noreloc.defer.deps-open'] as const) {
      expect(cited).not.toContain(clause);
    }
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.gap !== undefined && o.cites.includes('noreloc.defer.deps-v1'))).toBe(true);
    expect(outcomes.every((o) => objectAt(o.next, 1).status === 'unrelocated' && ctorCount(o.next, 1) === 0)).toBe(true);
    // The dependency relocated at dlopen, or left unrelocated with the object: both allowed.
    expect(outcomes.map((o) => objectAt(o.next, 2).status)).toEqual(['relocated', 'unrelocated']);
  });

  it('keeps the dependencies loaded with the object unrelocated on the branch (noreloc.defer.deps-deferred)', () => {
    const o = one(outcomesOf(br, initialState(), open('ctor', DEFER)));
    expect(o.firmness).toBe('specified');
    expect(o.cites).toEqual(['noreloc.mode.flag', 'noreloc.defer.relocation', 'noreloc.defer.ctors', 'noreloc.defer.deps-deferred']);
    expect(o.effects).toEqual([{ kind: 'mapped', object: 1 }, { kind: 'mapped', object: 2 }]);
    expect(objectAt(o.next, 1).status).toBe('unrelocated');
    expect(objectAt(o.next, 2).status).toBe('unrelocated');
    expect(o.next.events).toEqual([]);
  });

  it('relocates an unrelocated object on a plain reopen (noreloc.reopen.plain)', () => {
    const s = stateAfter(v2, [{ call: open('ctor', DEFER), pick: (o) => o.firmness === 'specified' }]);
    const o = one(outcomesOf(v2, s, open('ctor', NOW, 'h2')));
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.reopen.plain', 'base.dlopen.dedup']));
    expect(o.effects).toEqual([{ kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
    expect(objectAt(o.next, 1)).toMatchObject({ status: 'relocated', refs: 2 });
  });

  it('fails a plain reopen whose relocation fails, the object left failed (noreloc.dlrelocate.failure-state)', () => {
    const s = stateAfter(v2, [open('undef-data', DEFER)]);
    const o = one(outcomesOf(v2, s, open('undef-data', NOW, 'h2')));
    expect(o).toMatchObject({ ret: { kind: 'null' }, firmness: 'unspecified' });
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.reopen.plain', 'noreloc.dlrelocate.failure-state']));
    expect(objectAt(o.next, 1)).toMatchObject({ status: 'failed', refs: 1 });
  });

  it('leaves it unrelocated on a reopen with the bit (noreloc.reopen.deferred-again)', () => {
    const s = stateAfter(v2, [{ call: open('ctor', DEFER), pick: (o) => o.firmness === 'specified' }]);
    const o = one(outcomesOf(v2, s, open('ctor', DEFER, 'h2')));
    expect(o.cites).toContain('noreloc.reopen.deferred-again');
    expect(o.effects).toEqual([]);
    expect(objectAt(o.next, 1)).toMatchObject({ status: 'unrelocated', refs: 2 });
  });

  it('returns a relocated object as it is, or fails, on a reopen with the bit (noreloc.reopen.already-relocated)', () => {
    const s = stateAfter(v2, [open('ctor')]);
    const [o, failed] = outcomesOf(v2, s, open('ctor', DEFER, 'h2'));
    expect(o?.ret).toEqual({ kind: 'handle', object: 1 });
    expect(o?.cites).toContain('noreloc.reopen.already-relocated');
    expect(o?.firmness).toBe('unspecified');
    expect(o && objectAt(o.next, 1).status).toBe('relocated');
    expect(failed).toMatchObject({ ret: { kind: 'null' }, error: { kind: 'error' }, firmness: 'unspecified' });
  });

  it('relocates an unrelocated dependency first, or fails, on a plain dlopen of a dependent (noreloc.dependent.plain-dlopen)', () => {
    const s = stateAfter(v2, [{ call: open('plain', DEFER, 'p'), pick: (o) => o.firmness === 'specified' }]);
    const outcomes = outcomesOf(v2, s, open('ctor'));
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.dependent.plain-dlopen') && o.gap)).toBe(true);
    const first = one(outcomes, (o) => o.ret.kind === 'handle');
    const order = first.effects.filter((e) => e.kind === 'relocated').map((e) => e.object);
    expect(order).toEqual([1, 3]);
    expect(objectAt(first.next, 1).status).toBe('relocated');
    const failed = one(outcomes, (o) => o.ret.kind === 'null');
    expect(failed.next.objects.length).toBe(s.objects.length);
    expect(objectAt(failed.next, 1).status).toBe('unrelocated');
  });
});

describe('dlopen after dlmem', () => {
  it('loads a dependency from its file, or binds it to an object from memory of that name (dlmem.names.satisfies-needed)', () => {
    const s = stateAfter(v9, [
      { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: { r: true, w: false, x: false }, shared: false },
      { type: 'dlmem', as: 'm', buffer: { region: 'src' }, size: 'region', mode: NOW, args: { soname: 'libplain.so' } },
    ]);
    const outcomes = outcomesOf(v9, s, open('ctor'));
    expect(outcomes).toHaveLength(2);
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('dlmem.names.satisfies-needed'))).toBe(true);
    const deps = outcomes.map((o) => objectAt(o.next, (o.ret.kind === 'handle' ? o.ret.object : -1)).deps);
    // One reading binds ctor to the object from memory (#1); the other loads libplain.so from its file.
    expect(deps.map((d) => d.includes(1))).toEqual([true, false]);
  });
});
