import { describe, expect, it } from 'vitest';
import { testWorld } from '../testing/world.js';
import { DEFER, one, outcomesOf, stateAfter } from '../transitions/lib/chain.js';

// a needs b, b needs c: all three are loaded with a and wait for it (noreloc.defer.deps-deferred).
const world = testWorld('norelocate-branch', [
  { name: 'c', reports: true, functions: { c: 1 } },
  { name: 'b', needed: ['libc.so'], reports: true, functions: { b: 2 } },
  { name: 'a', needed: ['libb.so'], reports: true, functions: { a: 3 } },
]);

describe('relocating an object relocates every dependency loaded with it, direct or not', () => {
  it('dependencies of dependencies are relocated, constructors deepest first', () => {
    const s = stateAfter(world, [{ type: 'dlopen', as: 'h', file: 'a', mode: DEFER }]);
    const ids = (name: string): number => s.objects.findIndex((o) => o.image === name);
    expect(['a', 'b', 'c'].map((n) => s.objects[ids(n)]?.status)).toEqual(['unrelocated', 'unrelocated', 'unrelocated']);
    const o = one(outcomesOf(world, s, { type: 'dlrelocate', handle: 'h' }));
    expect(o.effects.filter((e) => e.kind === 'ctor')).toEqual([
      { kind: 'ctor', object: ids('c') }, { kind: 'ctor', object: ids('b') }, { kind: 'ctor', object: ids('a') },
    ]);
    expect(['a', 'b', 'c'].map((n) => o.next.objects[ids(n)]?.status)).toEqual(['relocated', 'relocated', 'relocated']);
  });
});
