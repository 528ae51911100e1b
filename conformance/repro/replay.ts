/**
 * What the spec allowed at one step of a recorded run: the oracle's replay (conformance/oracle/
 * check.ts) up to that step, keeping every (model state, binding) pair still consistent with the
 * observations, then every outcome the model allows from those pairs. The repro generator turns
 * these outcomes into the C check at the case's first divergence.
 *
 * @module
 */
import { stateKey } from '../../model/script/explore.js';
import { initialState } from '../../model/state/initial.js';
import { step } from '../../model/step.js';
import type { Outcome } from '../../model/types/outcome.js';
import type { ModelState } from '../../model/types/state.js';
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import { type Binding, EMPTY_BINDING, bindingKey, forgetClosed } from '../oracle/binding.js';
import { matchOutcome } from '../oracle/match.js';
import { failed } from '../oracle/observe.js';
import type { Trace } from '../oracle/types.js';

/** One outcome the spec allows at the step, with the pair it was reached from. */
export interface AllowedOutcome {
  /** The outcome. */
  readonly outcome: Outcome;
  /** The binding of model objects to observed handles before the step. */
  readonly binding: Binding;
  /** The model state before the step. */
  readonly before: ModelState;
}

/** How many live pairs are kept between steps (as the oracle does). */
const FRONTIER = 64;

/**
 * Every outcome allowed at step `stepNo` (1-based) of `c`'s recorded `trace`, given that steps
 * 1 … stepNo-1 matched. A step past the last one has no outcomes (the check is then the process's
 * clean exit). An error value when the trace does not reach the step or a step has no meaning.
 */
export function allowedAt(c: CaseDef, world: World, trace: Trace, stepNo: number): readonly AllowedOutcome[] | { readonly error: string } {
  let live: { state: ModelState; binding: Binding }[] = [{ state: initialState(), binding: EMPTY_BINDING }];
  for (const [i, call] of c.steps.entries()) {
    const no = i + 1;
    if (no === stepNo) {
      const out: AllowedOutcome[] = [];
      for (const l of live) {
        const result = step(l.state, call, world);
        if (result.kind === 'unsupported') return { error: `step ${no}: ${result.reason}` };
        for (const outcome of result.outcomes) out.push({ outcome, binding: l.binding, before: l.state });
      }
      return out;
    }
    const line = trace.steps.find((s) => s.step === no);
    if (line === undefined) return { error: `the recorded run has no result for step ${no}` };
    const next = new Map<string, { state: ModelState; binding: Binding }>();
    for (const l of live) {
      const result = step(l.state, call, world);
      if (result.kind === 'unsupported') return { error: `step ${no}: ${result.reason}` };
      for (const o of result.outcomes) {
        const m = matchOutcome(call, o, line, l.state, l.binding, world);
        if (!m.ok) continue;
        const state = failed(line) ? { ...o.next, dlerror: null } : o.next;
        const binding = forgetClosed(m.binding, (id) => o.next.objects[id]?.status === 'closed');
        next.set(`${stateKey(state)}|${bindingKey(binding)}`, { state, binding });
      }
    }
    live = [...next.values()].slice(0, FRONTIER);
    if (live.length === 0) return { error: `no allowed outcome matches step ${no}: the divergence is earlier` };
  }
  return [];
}
