import { describe, expect, it } from 'vitest';
import type { Outcome } from '../types/outcome.js';
import { testWorld } from '../testing/world.js';
import { DEFER, NOW, one, outcomesOf, rwRegion, stateAfter } from './lib/chain.js';

const v2 = testWorld('norelocate-v2');
const firm = (o: Outcome): boolean => o.firmness === 'specified';

describe('copy-object', () => {
  it('copies an unrelocated object\'s readable image and records it (noreloc.defer.readable)', () => {
    const s = rwRegion(stateAfter(v2, [{ call: { type: 'dlopen', as: 'h', file: 'plain', mode: DEFER }, pick: firm }]), 'dst', 0x4000);
    const o = one(outcomesOf(v2, s, { type: 'copy-object', handle: 'h', to: 'dst' }));
    expect(o).toMatchObject({ ret: { kind: 'none' }, firmness: 'specified', cites: ['noreloc.defer.readable'] });
    expect(o.next.regions.get('dst')?.copyOf).toBe(1);
  });

  it('may fault where the extent has gaps between segments (noreloc.defer.gaps-readable)', () => {
    const gapped = testWorld('norelocate-v2', [{ name: 'gapped', functions: { g: 1 }, gap: true }]);
    const s = rwRegion(stateAfter(gapped, [{ call: { type: 'dlopen', as: 'h', file: 'gapped', mode: DEFER }, pick: firm }]), 'dst', 0x4000);
    const o = one(outcomesOf(gapped, s, { type: 'copy-object', handle: 'h', to: 'dst' }));
    expect(o).toMatchObject({ ret: { kind: 'any' }, firmness: 'unspecified', cites: ['noreloc.defer.readable', 'noreloc.defer.gaps-readable'] });
  });

  it('is not covered for an object already relocated', () => {
    const s = rwRegion(stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }]), 'dst', 0x4000);
    expect(one(outcomesOf(v2, s, { type: 'copy-object', handle: 'h', to: 'dst' }))).toMatchObject({ firmness: 'unspecified' });
  });

  it('is undefined behaviour into a region too short, unmapped or never mapped (noreloc.setbase.caller-copy)', () => {
    const base = stateAfter(v2, [{ call: { type: 'dlopen', as: 'h', file: 'plain', mode: DEFER }, pick: firm }]);
    for (const s of [rwRegion(base, 'dst', 0x1000), stateAfter(v2, [{ type: 'munmap', region: 'dst' }], rwRegion(base, 'dst', 0x4000)), base]) {
      expect(one(outcomesOf(v2, s, { type: 'copy-object', handle: 'h', to: 'dst' }))).toMatchObject({ firmness: 'undefined', cites: ['noreloc.setbase.caller-copy'] });
    }
  });
});
