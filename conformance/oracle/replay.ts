/**
 * The one replay loop: a recorded trace stepped through the model, keeping every (model state,
 * binding) pair still consistent with what was seen. At each step every allowed outcome of every
 * live pair yields its requirements (requirements/derive.ts), which are evaluated against the
 * observation (requirements/evaluate.ts). The oracle's verdict (check.ts) and the repro's check
 * (conformance/repro) are both read off this replay, so they judge by the same values.
 *
 * @module
 */
import { stateKey } from '../../model/script/explore.js';
import { formatCall } from '../../model/script/format.js';
import { initialState } from '../../model/state/initial.js';
import { step } from '../../model/step.js';
import type { Call } from '../../model/types/calls.js';
import type { ModelState } from '../../model/types/state.js';
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { StepLine } from '../protocol.js';
import { driverPremapSlot } from '../lower/premap-slots.js';
import { type Binding, EMPTY_BINDING, bindingKey, forgetClosed, withSlot } from './binding.js';
import { failed } from './observe.js';
import { type Allowed, requirementsOf } from './requirements/derive.js';
import { type Judgement, evaluateAll } from './requirements/evaluate.js';
import { type Requirement, decides } from './requirements/types.js';
import type { Trace } from './types.js';

/**
 * How many (state, binding) pairs may be live at once. No case comes near it (the largest live
 * set any case reaches is printed by `npm run bench`); a replay that would pass it stops with an
 * ERROR that says so, never by silently dropping pairs.
 */
export const LIVE_LIMIT = 4096;

/** What the step observed: a result line, or the end of the process during it. */
export type Observed =
  | { readonly kind: 'line'; readonly line: StepLine }
  | { readonly kind: 'crash'; readonly text: string; readonly hang: boolean };

/** One allowed outcome at a step, with its requirements and what they came to. */
export interface AllowedOutcome extends Allowed {
  /** Its requirements. */
  readonly requirements: readonly Requirement[];
  /** Each requirement judged against the observation. */
  readonly judgements: readonly Judgement[];
  /** Whether the observation is this outcome: no deciding requirement failed (requirements/types.ts `decides`). */
  readonly ok: boolean;
  /** The requirements of a matching outcome that failed all the same: violations that do not end the trace. */
  readonly violations: readonly Judgement[];
  /** The binding the match implies. */
  readonly after: Binding;
}

/** One replayed step. */
export interface ReplayedStep {
  /** 1-based step number. */
  readonly step: number;
  /** The call. */
  readonly call: Call;
  /** The call as text. */
  readonly text: string;
  /** What was observed. */
  readonly observed: Observed;
  /** Every allowed outcome from every live pair. */
  readonly allowed: readonly AllowedOutcome[];
  /** How many pairs were live before the step. */
  readonly live: number;
}

/** Why a replay stopped before the last step without a divergence. */
export type ReplayStop =
  | { readonly kind: 'no-observation'; readonly step: number }
  | { readonly kind: 'unsupported'; readonly step: number; readonly reason: string }
  | { readonly kind: 'compat'; readonly step: number; readonly reason: string }
  | { readonly kind: 'model-error'; readonly step: number; readonly reason: string };

/** The whole replay: the steps replayed, and how it ended. */
export interface Replay {
  /** The steps, up to and including the one where it stopped or diverged. */
  readonly steps: readonly ReplayedStep[];
  /** Why it stopped early, if it did; a divergence is a step none of whose outcomes matched. */
  readonly stop?: ReplayStop;
  /** The largest live set seen. */
  readonly maxLive: number;
}

/** The observation of step `stepNo`: its result line, or the end of the process during it. */
export function observedAt(trace: Trace, stepNo: number): Observed | undefined {
  const line = trace.steps.find((s) => s.step === stepNo);
  if (line !== undefined) return { kind: 'line', line };
  if (trace.lastBegin !== stepNo || trace.driverError !== undefined) return undefined;
  if (trace.end.kind === 'signal') return { kind: 'crash', text: `killed by ${trace.end.signal}`, hang: false };
  if (trace.end.kind === 'timeout') return { kind: 'crash', text: `no answer within ${trace.end.ms} ms`, hang: true };
  return { kind: 'crash', text: `exited with status ${trace.end.code} during the step`, hang: false };
}

/** The binding with the driver's slot of each premap mapping this dlmem step makes (`AS.premap`). */
function premapSlotsOf(call: Call, a: Allowed, stepNo: number): Binding {
  if (call.type !== 'dlmem') return a.binding;
  let b = a.binding;
  for (const e of a.outcome.effects) if (e.kind === 'premap-call') b = withSlot(b, `premap:${e.object}`, driverPremapSlot(call, stepNo));
  return b;
}

/** Judges one allowed outcome against the observation. */
function judge(call: Call, a: Allowed, obs: Observed, world: World, stepNo: number): AllowedOutcome {
  const requirements = requirementsOf(call, a, world);
  if (obs.kind === 'crash') {
    // Only the call's returning is judged by a crash: every other requirement is not reached.
    const judgements: Judgement[] = requirements.map((requirement) => requirement.check.kind === 'returns'
      ? { requirement, result: 'fail', detail: obs.text } : { requirement, result: 'skip' });
    const ok = a.outcome.firmness === 'undefined';
    return { outcome: a.outcome, before: a.before, binding: a.binding, requirements, judgements, ok, violations: [], after: a.binding };
  }
  const { judgements, binding } = evaluateAll(requirements, obs.line, premapSlotsOf(call, a, stepNo));
  const failed = judgements.filter((j) => j.result === 'fail');
  const ok = failed.every((j) => !decides(j.requirement));
  // Field by field: a spread of `a` here costs more than all the rest of the judging.
  return { outcome: a.outcome, before: a.before, binding: a.binding, requirements, judgements, ok, violations: ok ? failed : [], after: binding };
}

/**
 * The outcomes the replay follows after a step: those the observation fully matches, or, when each
 * matching one has violations, every matching one (the step then violated a clause, and the
 * verdict says so, but the trace goes on).
 */
export function followed(allowed: readonly AllowedOutcome[]): readonly AllowedOutcome[] {
  const matched = allowed.filter((a) => a.ok);
  const clean = matched.filter((a) => a.violations.length === 0);
  return clean.length > 0 ? clean : matched;
}

/** The state after an observed failure: the driver read dlerror() right after the call. */
function afterDriver(a: AllowedOutcome, obs: Observed): ModelState {
  return obs.kind === 'line' && failed(obs.line) ? { ...a.outcome.next, dlerror: null } : a.outcome.next;
}

/**
 * Replays `trace` of case `c` through the model of `world`, up to step `until` (default: every
 * step). Stops at the first step no allowed outcome matches (the divergence), at a crash, or at a
 * step it cannot judge.
 */
export function replay(c: Pick<CaseDef, 'steps'>, world: World, trace: Trace, until = c.steps.length): Replay {
  const steps: ReplayedStep[] = [];
  let live: { state: ModelState; binding: Binding }[] = [{ state: initialState(), binding: EMPTY_BINDING }];
  let maxLive = 1;
  const stopped = (stop: ReplayStop): Replay => ({ steps, stop, maxLive });
  for (const [i, call] of c.steps.entries()) {
    const stepNo = i + 1;
    if (stepNo > until) break;
    const obs = observedAt(trace, stepNo);
    if (obs === undefined) return stopped({ kind: 'no-observation', step: stepNo });
    if (obs.kind === 'line' && obs.line.unsupported !== undefined) return stopped({ kind: 'unsupported', step: stepNo, reason: obs.line.unsupported });
    // The memfd compatibility layer says which dlmem arguments it cannot honour (premap, soname,
    // flags): a case that needs them is beyond what that loader offers, not a failure of it.
    if (obs.kind === 'line' && obs.line.compat?.startsWith('ignored') === true) {
      return stopped({ kind: 'compat', step: stepNo, reason: `the compatibility layer ${obs.line.compat}` });
    }
    const allowed: AllowedOutcome[] = [];
    for (const l of live) {
      let result: ReturnType<typeof step>;
      try {
        result = step(l.state, call, world);
      } catch (error) {
        // A case the model cannot follow (a script error) is a fault of the case, never a crash of the run.
        return stopped({ kind: 'model-error', step: stepNo, reason: `the model cannot run this step: ${(error as Error).message}` });
      }
      if (result.kind === 'unsupported') return stopped({ kind: 'model-error', step: stepNo, reason: result.reason });
      for (const outcome of result.outcomes) allowed.push(judge(call, { outcome, before: l.state, binding: l.binding }, obs, world, stepNo));
    }
    steps.push({ step: stepNo, call, text: formatCall(call), observed: obs, allowed, live: live.length });
    const matched = followed(allowed);
    if (matched.length === 0 || obs.kind === 'crash') return { steps, maxLive };
    const pairs = matched.map((m) => ({
      state: afterDriver(m, obs),
      binding: forgetClosed(m.after, (id) => m.outcome.next.objects[id]?.status === 'closed'),
    }));
    // Equal pairs are merged by their keys; a single pair, the common case, has nothing to merge with.
    live = pairs.length === 1 ? pairs : [...new Map(pairs.map((p) => [`${stateKey(p.state)}|${bindingKey(p.binding)}`, p])).values()];
    maxLive = Math.max(maxLive, live.length);
    if (live.length > LIVE_LIMIT) {
      return stopped({ kind: 'model-error', step: stepNo, reason: `${live.length} model states stay consistent with the trace, more than the ${LIVE_LIMIT} the oracle follows` });
    }
  }
  return { steps, maxLive };
}
