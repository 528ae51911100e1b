/**
 * The model as a "loader" of the report: each case is run through the model's explorer
 * (model/script/explore.ts), and the verdict says whether the case is well-formed for the model
 * in the profile: every step has at least one allowed outcome, and no outcome breaks an
 * invariant. PASS or ERROR; nothing is observed.
 *
 * @module
 */
import { explore } from '../../model/script/explore.js';
import { formatCall, formatOutcome } from '../../model/script/format.js';
import { initialState } from '../../model/state/initial.js';
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { CheckedStep, Verdict } from '../oracle/types.js';

/** The model's loader id in reports. */
export const MODEL_LOADER_ID = 'model';

/** What the report says of the model. */
export const MODEL_DESCRIPTION = 'the executable reference model (model/): is the case well-formed for it?';

/** Runs `caseDef` through the model in `world`'s profile. */
export function checkWithModel(caseDef: Pick<CaseDef, 'steps'>, world: World): Verdict {
  const profile = world.profile.id;
  const steps: CheckedStep[] = [];
  const error = (reason: string): Verdict => ({ kind: 'ERROR', profile, reason, gaps: [], steps });
  let explored: ReturnType<typeof explore>;
  try {
    explored = explore(world, initialState(), caseDef.steps);
  } catch (e) {
    return error(`the model cannot run the case: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const [i, call] of caseDef.steps.entries()) {
    const stepNo = i + 1;
    const s = explored[i];
    const text = formatCall(call);
    if (s === undefined) return error(`step ${stepNo} (${text}) is never reached`);
    if (s.unsupported !== undefined) return error(`step ${stepNo} (${text}) has no meaning in profile ${profile}: ${s.unsupported}`);
    const allowed = [...new Set(s.outcomes.map(formatOutcome))];
    const gaps = [...new Set(s.outcomes.flatMap((o) => (o.gap === undefined ? [] : [o.gap])))];
    steps.push({ step: stepNo, call: text, observed: '(the model)', allowed, matched: s.outcomes.length, gaps });
    if (s.outcomes.length === 0) return error(`step ${stepNo} (${text}) has no allowed outcome`);
    if (s.broken.length > 0) return error(`step ${stepNo} (${text}) breaks invariants: ${[...new Set(s.broken)].join('; ')}`);
  }
  return { kind: 'PASS', profile, gaps: [], steps };
}
