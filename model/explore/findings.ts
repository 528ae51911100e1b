/**
 * What one step of an exploration shows a reviewer: an outcome the spec leaves open (unspecified),
 * a caller error (undefined), two normative outcomes that contradict each other, an invariant
 * the model breaks, or a model that throws. Each finding names the clauses involved.
 *
 * @module
 */
import { CLAUSE_FACTS, type ClauseId } from '../../spec/clause-ids.gen.js';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import { checkInvariants } from '../invariants/invariants.js';

/** The kinds of corner case, in the order reports list them. */
export const FINDING_KINDS = ['contradiction', 'invariant', 'model-error', 'unspecified', 'undefined'] as const;

/** One of {@link FINDING_KINDS}. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One corner case found at one step. */
export interface Finding {
  /** What kind. */
  readonly kind: FindingKind;
  /** The call type of the step. */
  readonly call: Call['type'];
  /**
   * The clauses the question is about: of an outcome's citations, those that leave it open (not
   * normative) or that the caller broke (a caller requirement); every citation when none does,
   * and both sides' for a contradiction.
   */
  readonly clauses: readonly ClauseId[];
  /** The outcome's other citations: what holds around the open spot. */
  readonly context: readonly ClauseId[];
  /** What is open or wrong, in words. */
  readonly detail: string;
}

/** The key two findings share when they are the same question (the same gap at the same call). */
export function findingKey(f: Pick<Finding, 'kind' | 'call' | 'detail'>): string {
  return `${f.kind}\u0000${f.call}\u0000${f.detail}`;
}

const sorted = (ids: readonly ClauseId[]): readonly ClauseId[] => [...new Set(ids)].sort();

/** Splits an outcome's citations into the clauses a question is about and its context. */
function split(cites: readonly ClauseId[], kind: FindingKind): Pick<Finding, 'clauses' | 'context'> {
  const about = (c: ClauseId): boolean => (kind === 'undefined' ? CLAUSE_FACTS[c].callerRequirement : CLAUSE_FACTS[c].status !== 'normative');
  const open = sorted(cites.filter(about));
  return open.length === 0 ? { clauses: sorted(cites), context: [] } : { clauses: open, context: sorted(cites.filter((c) => !about(c))) };
}

/** The class of result an outcome gives: success or failure, and the error it reports. */
function resultClass(o: Outcome): string {
  const failed = o.ret.kind === 'null' || o.error.kind === 'error';
  return failed ? `failure ${o.error.kind === 'error' ? o.error.errno : ''}` : `success ${o.ret.kind}`;
}

/**
 * Two normative outcomes of one step contradict each other when both are `specified`, one
 * succeeds where the other fails (or they fail with different errors), and no clause backs both.
 */
function contradictions(call: Call, outcomes: readonly Outcome[]): readonly Finding[] {
  const specified = outcomes.filter((o) => o.firmness === 'specified');
  const out: Finding[] = [];
  for (let i = 0; i < specified.length; i++) {
    for (let j = i + 1; j < specified.length; j++) {
      const a = specified[i] as Outcome;
      const b = specified[j] as Outcome;
      if (resultClass(a) === resultClass(b) || a.cites.some((c) => b.cites.includes(c))) continue;
      const [x, y] = [resultClass(a), resultClass(b)].sort();
      out.push({ kind: 'contradiction', call: call.type, clauses: sorted([...a.cites, ...b.cites]), context: [], detail: `${x?.trim()} and ${y?.trim()} are both required` });
    }
  }
  return out;
}

/** A gap's words without the numbers of objects, so that one question is one finding. */
function generic(detail: string): string {
  return detail.replace(/\bobject \d+/g, 'object #').replace(/#\d+/g, '#').replace(/'([A-Za-z-]+:?)\d+'/g, "'$1#'").replace(/'libdlspec-[a-z0-9-]+\.so'/g, "'<name>'");
}

/** The findings of one step: `outcomes` are what the model allows for `call` from `state`. */
export function stepFindings(state: ModelState, call: Call, outcomes: readonly Outcome[], world: World): readonly Finding[] {
  const out: Finding[] = [...contradictions(call, outcomes)];
  for (const o of outcomes) {
    if (o.firmness === 'unspecified' || o.firmness === 'undefined') {
      out.push({ kind: o.firmness, call: call.type, ...split(o.cites, o.firmness), detail: generic(o.gap ?? `${o.firmness} outcome`) });
    }
    for (const broken of checkInvariants(state, call, o, world)) {
      out.push({ kind: 'invariant', call: call.type, clauses: sorted(o.cites), context: [], detail: generic(broken) });
    }
  }
  return out;
}

/** The finding of a model that threw on a step (a model bug, never a spec question). */
export function modelError(call: Call, error: unknown): Finding {
  return { kind: 'model-error', call: call.type, clauses: [], context: [], detail: error instanceof Error ? error.message : String(error) };
}
