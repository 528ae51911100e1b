/**
 * The oracle: replays an observed trace against the model, keeping every (model state, binding)
 * pair still consistent with what was seen, and gives the verdict: PASS, FAIL with the first
 * divergence, UNSUPPORTED, UNSPECIFIED (the run went through spots the spec leaves open) or ERROR.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { stateKey } from '../../model/script/explore.js';
import { formatCall, formatOutcome } from '../../model/script/format.js';
import { initialState } from '../../model/state/initial.js';
import { step } from '../../model/step.js';
import type { Outcome } from '../../model/types/outcome.js';
import type { ModelState } from '../../model/types/state.js';
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { HelloLine, StepLine } from '../protocol.js';
import { type Binding, EMPTY_BINDING, bindingKey, forgetClosed } from './binding.js';
import { type MatchResult, matchOutcome } from './match.js';
import { describeObservation, failed } from './observe.js';
import type { CheckedStep, Divergence, DivergenceKind, Trace, Verdict } from './types.js';

/** A model state still consistent with the trace, with its binding to what was observed. */
interface Live {
  readonly state: ModelState;
  readonly binding: Binding;
}

/** How many live pairs are kept between steps. */
const FRONTIER = 64;

type Gap = Verdict['gaps'][number];

/** What the step observed: a result line, or the end of the process during it. */
type Observed = { readonly kind: 'line'; readonly line: StepLine } | { readonly kind: 'crash'; readonly text: string; readonly hang: boolean };

function observedAt(trace: Trace, stepNo: number): Observed | undefined {
  const line = trace.steps.find((s) => s.step === stepNo);
  if (line !== undefined) return { kind: 'line', line };
  if (trace.lastBegin !== stepNo) return undefined;
  if (trace.end.kind === 'signal') return { kind: 'crash', text: `killed by ${trace.end.signal}`, hang: false };
  if (trace.end.kind === 'timeout') return { kind: 'crash', text: `no answer within ${trace.end.ms} ms`, hang: true };
  return { kind: 'crash', text: `exited with status ${trace.end.code} during the step`, hang: false };
}

/** The state after an observed failure: the driver read dlerror() right after the call. */
function afterDriver(o: Outcome, obs: Observed): ModelState {
  return obs.kind === 'line' && failed(obs.line) ? { ...o.next, dlerror: null } : o.next;
}

/**
 * The miss that explains a divergence best: that of an outcome whose return value agrees with the
 * observation (the loader did what that outcome says, but something else differs), else the first.
 */
function closestMiss(outcomes: readonly Outcome[], obs: Observed, misses: readonly MatchResult[]): Extract<MatchResult, { ok: false }> | undefined {
  const fails = misses.map((m, i) => ({ m, o: outcomes[i] })).filter((x): x is { m: Extract<MatchResult, { ok: false }>; o: Outcome } => !x.m.ok && x.o !== undefined);
  if (obs.kind === 'line') {
    const r = obs.line.ret;
    const agrees = fails.find(({ o }) => (o.ret.kind === 'null' && r.kind === 'null') ||
      ((o.ret.kind === 'handle' || o.ret.kind === 'symbol') && r.kind === 'ptr') || (o.ret.kind === 'int' && r.kind === 'int' && o.ret.value === r.value));
    if (agrees !== undefined) return agrees.m;
  }
  return fails[0]?.m;
}

function divergenceKind(outcomes: readonly Outcome[], obs: Observed, misses: readonly MatchResult[]): DivergenceKind {
  if (obs.kind === 'crash') return obs.hang ? 'hang' : 'unexpected-signal';
  const fails = failed(obs.line) && obs.line.dlerror !== null;
  if (outcomes.every((o) => o.error.kind === 'error') && !fails) return 'value-not-error';
  if (outcomes.every((o) => o.error.kind === 'none') && fails) return 'error-not-value';
  return closestMiss(outcomes, obs, misses)?.kind ?? 'wrong-value';
}

function verdict(world: World, kind: Verdict['kind'], steps: CheckedStep[], gaps: Gap[], extra: Partial<Verdict> = {}): Verdict {
  return { kind, profile: world.profile.id, gaps, steps, ...extra };
}

/**
 * The proposal a case needs and the loader lacks, if any: a loader without the proposal's entry
 * points cannot run its cases, which are then UNSUPPORTED rather than failures (a loader that
 * rejects the RTLD_NORELOCATE bit is simply one that does not implement it).
 */
export function missingFeature(c: CaseDef, hello: HelloLine): string | undefined {
  if (c.features.includes('dlmem') && !hello.apis.dlmem) return 'the loader has no dlmem()';
  if (c.features.includes('rtld-norelocate') && !hello.apis.dlrelocate) return 'the loader has no RTLD_NORELOCATE (no dlrelocate())';
  if (c.features.includes('without-rtld-norelocate') && hello.apis.dlrelocate) return 'the case is about loaders without RTLD_NORELOCATE';
  if (c.features.includes('namespaces') && !hello.apis.dlmopen) return 'the loader has no namespaces (no dlmopen())';
  return undefined;
}

/** Checks one trace of `c` against the model in `world`'s profile. */
export function checkTrace(c: CaseDef, world: World, trace: Trace): Verdict {
  const steps: CheckedStep[] = [];
  const gaps: Gap[] = [];
  // A driver error (a slot an earlier step never bound, a bad line) counts only where the replay
  // reaches it: an earlier step that was unsupported, or that already diverged, decides first.
  if (trace.hello === undefined) {
    return verdict(world, 'ERROR', steps, gaps, { reason: `the driver did not start (${JSON.stringify(trace.end)}): ${trace.stderr.slice(-300)}` });
  }
  const missing = missingFeature(c, trace.hello);
  if (missing !== undefined) return verdict(world, 'UNSUPPORTED', steps, gaps, { reason: missing });
  let live: Live[] = [{ state: initialState(), binding: EMPTY_BINDING }];
  for (const [i, call] of c.steps.entries()) {
    const stepNo = i + 1;
    const text = formatCall(call);
    const obs = observedAt(trace, stepNo);
    if (obs === undefined) {
      const reason = trace.driverError !== undefined ? `driver: ${trace.driverError}` : `no result for step ${stepNo} (${JSON.stringify(trace.end)})`;
      return verdict(world, 'ERROR', steps, gaps, { reason });
    }
    if (obs.kind === 'line' && obs.line.unsupported !== undefined) {
      return verdict(world, 'UNSUPPORTED', steps, gaps, { reason: `step ${stepNo}: ${obs.line.unsupported}` });
    }
    // The memfd compatibility layer says which dlmem arguments it cannot honour (premap, soname,
    // flags): a case that needs them is beyond what that loader offers, not a failure of it.
    if (obs.kind === 'line' && obs.line.compat?.startsWith('ignored') === true) {
      return verdict(world, 'UNSUPPORTED', steps, gaps, { reason: `step ${stepNo}: the compatibility layer ${obs.line.compat}` });
    }
    const outcomes: Outcome[] = [];
    const matched: { o: Outcome; live: Live }[] = [];
    const misses: MatchResult[] = [];
    for (const l of live) {
      let result: ReturnType<typeof step>;
      try {
        result = step(l.state, call, world);
      } catch (error) {
        // A case the model cannot follow (a script error) is a fault of the case, never a crash of the run.
        return verdict(world, 'ERROR', steps, gaps, { reason: `step ${stepNo}: the model cannot run this step: ${(error as Error).message}` });
      }
      if (result.kind === 'unsupported') return verdict(world, 'ERROR', steps, gaps, { reason: `step ${stepNo}: ${result.reason}` });
      for (const o of result.outcomes) {
        outcomes.push(o);
        const m = obs.kind === 'crash'
          ? (o.firmness === 'undefined' ? { ok: true as const, binding: l.binding } : { ok: false as const, kind: 'unexpected-signal' as const, detail: obs.text })
          : matchOutcome(call, o, obs.line, l.state, l.binding, world);
        misses.push(m);
        if (m.ok) matched.push({ o, live: { state: afterDriver(o, obs), binding: forgetClosed(m.binding, (id) => o.next.objects[id]?.status === 'closed') } });
      }
    }
    const observedText = obs.kind === 'line' ? describeObservation(obs.line) : obs.text;
    const allowed = [...new Set(outcomes.map(formatOutcome))];
    const open = matched.length > 0 && matched.every((m) => m.o.firmness === 'unspecified' || m.o.firmness === 'undefined');
    const stepGaps = open ? [...new Set(matched.map((m) => m.o.gap ?? ''))] : [];
    steps.push({ step: stepNo, call: text, observed: observedText, allowed, matched: matched.length, gaps: stepGaps });
    if (matched.length === 0) {
      const clauses = [...new Set([...outcomes.flatMap((o) => o.cites), ...misses.flatMap((m) => (!m.ok && m.clauses) || [])])] as ClauseId[];
      const first = closestMiss(outcomes, obs, misses);
      const divergence: Divergence = {
        step: stepNo, call: text, kind: divergenceKind(outcomes, obs, misses), allowed, observed: observedText, clauses,
        detail: first?.detail ?? 'no allowed outcome matches',
      };
      return verdict(world, 'FAIL', steps, gaps, { divergence });
    }
    if (open) {
      const cites = [...new Set(matched.flatMap((m) => m.o.cites))] as ClauseId[];
      for (const gap of stepGaps) gaps.push({ step: stepNo, gap, clauses: cites });
    }
    if (obs.kind === 'crash') return verdict(world, 'UNSPECIFIED', steps, gaps);
    const seen = new Map<string, Live>();
    for (const m of matched) seen.set(`${stateKey(m.live.state)}|${bindingKey(m.live.binding)}`, m.live);
    live = [...seen.values()].slice(0, FRONTIER);
  }
  if (trace.end.kind !== 'exit' || trace.end.code !== 0) {
    const end = trace.end.kind === 'signal' ? `killed by ${trace.end.signal}` : trace.end.kind === 'timeout' ? 'timed out' : `exit ${trace.end.code}`;
    const divergence: Divergence = {
      step: c.steps.length + 1, call: 'exit', kind: trace.end.kind === 'timeout' ? 'hang' : 'unexpected-signal', allowed: ['exit 0'],
      observed: end, clauses: ['base.dlclose.refcount'], detail: 'the process did not exit cleanly after the last step (destructors at exit)',
    };
    return verdict(world, 'FAIL', steps, gaps, { divergence });
  }
  return verdict(world, gaps.length > 0 ? 'UNSPECIFIED' : 'PASS', steps, gaps);
}
