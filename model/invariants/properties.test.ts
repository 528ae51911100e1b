/**
 * Random call sequences over every call (dl*, dlmem and its sources, the norelocate caller
 * actions): each outcome keeps the model's invariants, cites only clauses in force, and is never
 * empty.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../invariants/invariants.js';
import { step } from '../step.js';
import { PROFILE_IDS } from '../world/profile.js';
import { testWorld } from '../testing/world.js';
import { RANDOM_START, callArb, wellFormed } from '../testing/calls.js';

describe('dl* calls over random sequences', () => {
  for (const profile of PROFILE_IDS) {
    it(`keep every invariant in profile ${profile}`, () => {
      const world = testWorld(profile);
      const start = RANDOM_START;
      fc.assert(fc.property(fc.array(fc.tuple(callArb, fc.nat()), { maxLength: 16 }), (script) => {
        let state = start;
        for (const [call, pick] of script) {
          if (!wellFormed(state, call)) continue;
          const result = step(state, call, world);
          if (result.kind === 'unsupported') continue;
          expect(result.outcomes.length).toBeGreaterThan(0);
          for (const o of result.outcomes) {
            expect(checkInvariants(state, call, o, world)).toEqual([]);
          }
          state = (result.outcomes[pick % result.outcomes.length] as (typeof result.outcomes)[number]).next;
        }
      }), { numRuns: 1000 });
    });
  }
});
