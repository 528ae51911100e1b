/**
 * What the spec allowed at one step of a recorded run, read off the oracle's own replay
 * (conformance/oracle/replay.ts): every allowed outcome there, with the requirements the oracle
 * evaluated. The repro generator writes these requirements as C.
 *
 * @module
 */
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import { type AllowedOutcome, replay } from '../oracle/replay.js';
import type { Trace } from '../oracle/types.js';

export type { AllowedOutcome } from '../oracle/replay.js';

/**
 * Every outcome allowed at step `stepNo` (1-based) of `c`'s recorded `trace`, given that steps
 * 1 … stepNo-1 matched; an error value when the replay does not reach the step.
 */
export function allowedAt(c: CaseDef, world: World, trace: Trace, stepNo: number): readonly AllowedOutcome[] | { readonly error: string } {
  const r = replay(c, world, trace, stepNo);
  const last = r.steps[r.steps.length - 1];
  if (last?.step === stepNo) return last.allowed;
  if (r.stop !== undefined) return { error: `step ${r.stop.step}: ${'reason' in r.stop ? r.stop.reason : 'the recorded run has no result for it'}` };
  return { error: `no allowed outcome matches step ${last?.step ?? 0}: the divergence is earlier` };
}
