/**
 * The oracle: the verdict on one trace, read off its replay (replay.ts). PASS, FAIL with the first
 * divergence and the clauses it broke, UNSUPPORTED, UNSPECIFIED (the run went through spots the
 * spec leaves open) or ERROR; and, for every clause a requirement judged, how the trace left it.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { formatOutcome } from '../../model/script/format.js';
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { HelloLine, StepLine } from '../protocol.js';
import { describeObservation, failed } from './observe.js';
import { type AllowedOutcome, type Replay, type ReplayedStep, followed, replay } from './replay.js';
import type { CheckedStep, ClauseJudgement, Divergence, DivergenceKind, RecordedChoice, Trace, Verdict } from './types.js';

type Gap = Verdict['gaps'][number];

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

const RANK: Record<ClauseJudgement, number> = { FAIL: 2, UNSPECIFIED: 1, PASS: 0 };

/** Per-clause judgements of a trace, each the worst it came to. */
class Judged {
  readonly map: Partial<Record<ClauseId, ClauseJudgement>> = {};
  note(clauses: readonly ClauseId[], j: ClauseJudgement): void {
    for (const c of clauses) {
      const old = this.map[c];
      if (old === undefined || RANK[j] > RANK[old]) this.map[c] = j;
    }
  }
}

/** The failures of an allowed outcome. */
const failures = (a: AllowedOutcome) => a.judgements.filter((j) => j.result === 'fail');

/** The allowed outcome that explains a divergence best: the one with the fewest broken requirements (the first on a tie). */
function closest(allowed: readonly AllowedOutcome[]): AllowedOutcome | undefined {
  let best: AllowedOutcome | undefined;
  for (const a of allowed) if (best === undefined || failures(a).length < failures(best).length) best = a;
  return best;
}

function checkedStep(s: ReplayedStep): CheckedStep {
  const matched = followed(s.allowed);
  const open = matched.length > 0 && matched.every((a) => a.outcome.firmness === 'unspecified' || a.outcome.firmness === 'undefined');
  return {
    step: s.step, call: s.text, observed: s.observed.kind === 'line' ? describeObservation(s.observed.line) : s.observed.text,
    allowed: [...new Set(s.allowed.map((a) => formatOutcome(a.outcome)))], matched: matched.length,
    gaps: open ? [...new Set(matched.map((a) => a.outcome.gap ?? ''))] : [],
  };
}

/** value-not-error when every allowed outcome fails and the call did not (wrong-error when it failed without a message), error-not-value for the converse. */
function overallKind(allowed: readonly AllowedOutcome[], line: StepLine): DivergenceKind | undefined {
  const fails = failed(line) && line.dlerror !== null;
  // A failure the loader reports without a dlerror() message is a wrong error, not a success.
  if (allowed.every((a) => a.outcome.error.kind === 'error') && !fails) return failed(line) ? 'wrong-error' : 'value-not-error';
  if (allowed.every((a) => a.outcome.error.kind === 'none') && fails) return 'error-not-value';
  return undefined;
}

/** The first divergence at step `s`: the closest outcome's failures (`soft`: among outcomes that matched, whose violations do not end the trace). */
function divergenceAt(s: ReplayedStep, checked: CheckedStep, soft = false): Divergence {
  const best = closest(soft ? followed(s.allowed) : s.allowed);
  const broken = best === undefined ? [] : failures(best);
  const first = broken[0];
  const kind = s.observed.kind === 'crash' ? (s.observed.hang ? 'hang' : 'unexpected-signal')
    : (soft ? undefined : overallKind(s.allowed, s.observed.line)) ?? first?.requirement.divergence ?? 'wrong-value';
  return {
    step: s.step, call: s.text, kind, allowed: checked.allowed, observed: checked.observed,
    violated: [...new Set(broken.flatMap((j) => j.requirement.clauses))],
    clauses: [...new Set(s.allowed.flatMap((a) => a.outcome.cites))],
    detail: first === undefined ? 'no allowed outcome matches' : `${first.requirement.text}: ${first.detail ?? 'it does not hold'}`,
  };
}

/** The verdict of a replay of `c` on `trace`. */
function verdictOf(c: CaseDef, world: World, trace: Trace, r: Replay): Verdict {
  const profile = world.profile.id;
  const steps: CheckedStep[] = [];
  const gaps: Gap[] = [];
  const judged = new Judged();
  const choices: RecordedChoice[] = [];
  // Every divergence, in step order: violations that did not end the trace, then the one that did,
  // if any. The verdict is FAIL with the first; each clause any of them broke is FAIL.
  const divergences: Divergence[] = [];
  const done = (kind: Verdict['kind'], extra: Partial<Verdict> = {}): Verdict =>
    ({ kind, profile, gaps, steps, judged: judged.map, ...(choices.length > 0 ? { choices } : {}), ...extra });
  const failed = (reachedEnd: boolean): Verdict => done('FAIL', {
    divergence: divergences[0] as Divergence, ...(divergences.length > 1 ? { later: divergences.slice(1) } : {}), ...(reachedEnd ? { reachedEnd } : {}),
  });
  for (const s of r.steps) {
    const checked = checkedStep(s);
    steps.push(checked);
    const matched = followed(s.allowed);
    if (matched.length === 0) {
      const divergence = divergenceAt(s, checked);
      const best = closest(s.allowed);
      judged.note((best?.judgements ?? []).filter((j) => j.result === 'pass').flatMap((j) => j.requirement.clauses), 'PASS');
      judged.note(divergence.violated, 'FAIL');
      divergences.push(divergence);
      return failed(false);
    }
    if (matched.every((a) => a.violations.length > 0)) {
      const divergence = divergenceAt(s, checked, true);
      judged.note(divergence.violated, 'FAIL');
      divergences.push(divergence);
    }
    for (const a of matched) {
      for (const j of a.judgements) {
        if (j.result === 'pass') judged.note(j.requirement.clauses, 'PASS');
        if (j.choice !== undefined) for (const clause of j.requirement.clauses) choices.push({ step: s.step, clause, choice: j.choice });
      }
    }
    if (checked.gaps.length > 0) {
      const cites = [...new Set(matched.flatMap((a) => a.outcome.cites))];
      judged.note(cites, 'UNSPECIFIED');
      for (const gap of checked.gaps) gaps.push({ step: s.step, gap, clauses: cites });
    }
    if (s.observed.kind === 'crash') return divergences.length > 0 ? failed(false) : done('UNSPECIFIED');
  }
  const stop = r.stop;
  if (stop !== undefined) {
    if (stop.kind === 'unsupported') return done('UNSUPPORTED', { reason: `step ${stop.step}: ${stop.reason}` });
    if (stop.kind === 'compat') return done('UNSUPPORTED', { reason: `step ${stop.step}: ${stop.reason}` });
    if (stop.kind === 'model-error') return done('ERROR', { reason: `step ${stop.step}: ${stop.reason}` });
    const reason = trace.driverError !== undefined ? `driver: ${trace.driverError}` : `no result for step ${stop.step} (${JSON.stringify(trace.end)})`;
    return done('ERROR', { reason });
  }
  if (trace.driverError !== undefined) return done('ERROR', { reason: `driver: ${trace.driverError}` });
  if (trace.end.kind !== 'exit' || trace.end.code !== 0) {
    const end = trace.end.kind === 'signal' ? `killed by ${trace.end.signal}` : trace.end.kind === 'timeout' ? 'timed out' : `exit ${trace.end.code}`;
    const violated: ClauseId[] = ['base.call.returns'];
    judged.note(violated, 'FAIL');
    divergences.push({
      step: c.steps.length + 1, call: 'exit', kind: trace.end.kind === 'timeout' ? 'hang' : 'unexpected-signal', allowed: ['exit 0'],
      observed: end, violated, clauses: violated, detail: 'the process did not exit cleanly after the last step (destructors at exit)',
    });
    return failed(true);
  }
  if (divergences.length > 0) return failed(true);
  return done(gaps.length > 0 ? 'UNSPECIFIED' : 'PASS');
}

/** Checks one trace of `c` against the model in `world`'s profile. */
export function checkTrace(c: CaseDef, world: World, trace: Trace): Verdict {
  // A driver error (a slot an earlier step never bound, a bad line) counts only where the replay
  // reaches it: an earlier step that was unsupported, or that already diverged, decides first.
  if (trace.hello === undefined) {
    return { kind: 'ERROR', profile: world.profile.id, gaps: [], steps: [], reason: `the driver did not start (${JSON.stringify(trace.end)}): ${trace.stderr.slice(-300)}` };
  }
  const missing = missingFeature(c, trace.hello);
  if (missing !== undefined) return { kind: 'UNSUPPORTED', profile: world.profile.id, gaps: [], steps: [], reason: missing };
  return verdictOf(c, world, trace, replay(c, world, trace));
}
