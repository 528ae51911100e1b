/**
 * Trace validation over random call sequences (the model's property-test generator): every step
 * of every sequence, in every profile, is a step of the TLA+ module of the profile's proposal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTlaModules } from '../../spec/checks/lib/tla.js';
import { step } from '../../model/step.js';
import { RANDOM_START, callArb, wellFormed } from '../../model/testing/calls.js';
import { testWorld } from '../../model/testing/world.js';
import { PROFILE_IDS } from '../../model/world/profile.js';
import { NOTHING_OBSERVED, type Observed, observed } from './abstraction.js';
import { moduleOf } from './constants.js';
import { formatDisagreement } from './format.js';
import { OWN_CODE, labelOf } from './labels.js';
import { type TraceSpecs, traceSpecs } from './run.js';
import type { Transition } from './transitions.js';
import { validate } from './validate.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('trace validation of random sequences', async () => {
  const specs = traceSpecs(await parseTlaModules(ROOT)) as TraceSpecs;
  for (const profile of PROFILE_IDS) {
    it(`finds every step a step of the module in profile ${profile}`, () => {
      const world = testWorld(profile);
      const module = moduleOf(world);
      fc.assert(fc.property(fc.array(fc.tuple(callArb, fc.nat()), { maxLength: 12 }), (script) => {
        let state = RANDOM_START;
        let seen: Observed = NOTHING_OBSERVED;
        const transitions: Transition[] = [];
        for (const [i, [call, pick]] of script.entries()) {
          if (!wellFormed(state, call)) continue;
          const result = step(state, call, world);
          if (result.kind === 'unsupported') continue;
          const label = labelOf(state, call, world);
          for (const outcome of result.outcomes) {
            transitions.push({ step: i + 1, call, before: state, seenBefore: seen, label, outcome, seenAfter: observed(outcome, OWN_CODE.has(call.type)) });
          }
          const chosen = result.outcomes[pick % result.outcomes.length] as (typeof result.outcomes)[number];
          state = chosen.next;
          seen = observed(chosen, OWN_CODE.has(call.type));
        }
        const found = validate(specs.specs.get(module) as never, module, world, transitions, specs.tags);
        expect(found.disagreements.map((d) => formatDisagreement({ caseId: 'random', profile, module }, d).join('\n'))).toEqual([]);
      }), { numRuns: Number(process.env.TV_RUNS ?? 150) });
    }, 600_000);
  }
});
