/**
 * The corner-case report of one exploration as a value: its figures, every corner case with its
 * shortest sequence as C-like text and as script steps, and the corner cases grouped by the clause
 * each is about, so that a reviewer reads one list per open question.
 *
 * @module
 */
import { CLAUSE_FACTS, type ClauseId } from '../../spec/clause-ids.gen.js';
import type { Call } from '../types/calls.js';
import { formatCall } from '../script/format.js';
import type { Bounds } from './alphabet.js';
import { type Finding, type FindingKind, findingKey } from './findings.js';
import type { Exploration } from './search.js';

/** One corner case in a report: the finding, how often it was met and its shortest sequence. */
export interface CornerEntry extends Finding {
  /** How many times it was met. */
  readonly occurrences: number;
  /** The shortest sequence, letter by letter. */
  readonly letters: readonly string[];
  /** The same sequence, call by call, as C-like text. */
  readonly sequence: readonly string[];
  /** The same sequence as script steps (what a case file's `steps` holds). */
  readonly steps: readonly Call[];
}

/** The report of one exploration. */
export interface CornerReport {
  /** The profile. */
  readonly profile: string;
  /** The depth reached. */
  readonly depth: number;
  /** The bounds it ran under. */
  readonly bounds: Bounds;
  /** Distinct states. */
  readonly states: number;
  /** New distinct states per depth. */
  readonly perDepth: readonly number[];
  /** Model steps. */
  readonly transitions: number;
  /** Distinct states per second. */
  readonly statesPerSecond: number;
  /** Whether the state bound stopped it. */
  readonly truncated: boolean;
  /** Milliseconds. */
  readonly ms: number;
  /** Every corner case, most serious kind first. */
  readonly corners: readonly CornerEntry[];
  /** For each clause some corner case is about, the indexes of those corner cases in `corners`. */
  readonly byClause: Readonly<Record<string, readonly number[]>>;
  /** Clauses in force in the profile that no outcome of the exploration cited. */
  readonly unreached: readonly ClauseId[];
}

const KIND_ORDER: readonly FindingKind[] = ['model-error', 'invariant', 'contradiction', 'unspecified', 'undefined'];

/** The report of `e`. */
export function cornerReport(e: Exploration): CornerReport {
  const corners: CornerEntry[] = e.corners.map((c) => ({
    ...c.finding, occurrences: c.occurrences, letters: c.letters, sequence: c.calls.map(formatCall), steps: c.calls,
  }));
  corners.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.letters.length - b.letters.length);
  const byClause: Record<string, number[]> = {};
  corners.forEach((c, i) => { for (const id of c.clauses) (byClause[id] ??= []).push(i); });
  const sortedByClause = Object.fromEntries(Object.keys(byClause).sort().map((k) => [k, byClause[k] ?? []]));
  const unreached = (Object.keys(CLAUSE_FACTS) as ClauseId[]).filter((id) => CLAUSE_FACTS[id].profiles.includes(e.profile) && !e.cited.has(id));
  return {
    profile: e.profile, depth: e.depth, bounds: e.bounds, states: e.states, perDepth: e.perDepth, transitions: e.transitions,
    statesPerSecond: e.ms > 0 ? Math.round((e.states / e.ms) * 1000) : 0, truncated: e.truncated, ms: Math.round(e.ms),
    corners, byClause: sortedByClause, unreached,
  };
}

/** What one profile's corner cases are relative to another's. */
export interface CornerComparison {
  /** The profile compared from. */
  readonly from: string;
  /** The profile compared to. */
  readonly to: string;
  /** Corner cases `to` has and `from` does not (questions the later text opens). */
  readonly opened: readonly CornerEntry[];
  /** Corner cases `from` has and `to` does not (questions the later text closes). */
  readonly closed: readonly CornerEntry[];
  /** How many both have. */
  readonly shared: number;
}

/** Compares two profiles' reports. */
export function compareReports(from: CornerReport, to: CornerReport): CornerComparison {
  const inFrom = new Set(from.corners.map(findingKey));
  const inTo = new Set(to.corners.map(findingKey));
  return {
    from: from.profile, to: to.profile,
    opened: to.corners.filter((c) => !inFrom.has(findingKey(c))),
    closed: from.corners.filter((c) => !inTo.has(findingKey(c))),
    shared: to.corners.filter((c) => inFrom.has(findingKey(c))).length,
  };
}
