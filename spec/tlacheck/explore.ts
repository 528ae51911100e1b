/**
 * Breadth-first exploration of a model, as TLC does it: every initial state, then every
 * successor under Next, each distinct state once; every invariant checked in every distinct
 * state as it is found, so that the first violation comes with a shortest trace; a state
 * without successors is a deadlock unless the configuration says otherwise.
 *
 * @module
 */
import type { Expr } from './ast.js';
import { type Assignment, satisfying } from './action.js';
import type { Ctx, Model } from './context.js';
import { Coverage } from './coverage.js';
import { TlaError } from './errors.js';
import { evaluate, inFile } from './eval.js';
import { asBool } from './value-ops.js';
import { type Value, formatValue, keyOf } from './values.js';

/** One state of a trace, with the action that led to it. */
export interface TraceStep {
  /** The action (with its arguments) that produced the state; "Init" for the first. */
  readonly action: string;
  /** The state's values, by variable index. */
  readonly state: readonly Value[];
}

/** What went wrong, if anything. */
export type Violation =
  | { readonly kind: 'invariant'; readonly invariant: string; readonly trace: readonly TraceStep[] }
  | { readonly kind: 'deadlock'; readonly trace: readonly TraceStep[] }
  | { readonly kind: 'error'; readonly message: string; readonly trace: readonly TraceStep[] };

/** What exploring one model found. */
export interface Exploration {
  /** States generated: initial states plus every successor computed, duplicates included. */
  readonly generated: number;
  /** Distinct states found. */
  readonly distinct: number;
  /** The length of the longest shortest path from an initial state. */
  readonly depth: number;
  /** The violation that stopped the exploration, if any. */
  readonly violation: Violation | undefined;
  /** What the next-state relation exercised. */
  readonly coverage: Coverage;
}

/** What to explore: the definitions the configuration names. */
export interface ExploreRequest {
  /** The initial predicate. */
  readonly init: string;
  /** The next-state action. */
  readonly next: string;
  /** The invariants. */
  readonly invariants: readonly string[];
  /** The state constraints. */
  readonly constraints: readonly string[];
  /** Whether a state without successors is a violation. */
  readonly checkDeadlock: boolean;
  /** The most distinct states to explore before giving up with an error (default 200 000). */
  readonly maxStates?: number;
}

interface Node {
  readonly state: readonly Value[];
  readonly parent: string | undefined;
  readonly action: string;
  readonly depth: number;
}

/** The body of a zero-arity definition, or an error naming it. */
function bodyOf(model: Model, name: string): { readonly expr: Expr; readonly file: string } {
  const def = model.spec.defs.get(name);
  if (def === undefined) throw new TlaError(`the configuration names ${name}, which ${model.spec.name} does not define`, 0, model.spec.file);
  if (def.params.length > 0) throw new TlaError(`${name} takes arguments; the configuration can only name a definition without`, def.line, def.file);
  return { expr: def.body, file: def.file };
}

/** An action's name with its arguments, as a trace shows it. */
function labelText(label: { readonly name: string; readonly args: readonly Value[] } | undefined): string | undefined {
  if (label === undefined) return undefined;
  return label.args.length === 0 ? label.name : `${label.name}(${label.args.map(formatValue).join(', ')})`;
}

/** The key of a state: its values' keys joined. */
export function stateKey(state: readonly Value[]): string {
  return state.map(keyOf).join('|');
}

/** Explores `model` from its initial states under `request`. */
export function explore(model: Model, request: ExploreRequest): Exploration {
  const coverage = new Coverage();
  const seen = new Map<string, Node>();
  const variables = model.spec.variables.map((v) => v.name);
  const base: Ctx = { model, state: [], next: undefined, env: undefined, at: undefined, cov: undefined };
  let generated = 0;
  let depth = 0;
  const traceTo = (key: string): TraceStep[] => {
    const steps: TraceStep[] = [];
    for (let node = seen.get(key); node !== undefined; node = node.parent === undefined ? undefined : seen.get(node.parent)) {
      steps.unshift({ action: node.action, state: node.state });
    }
    return steps;
  };
  const done = (violation: Violation | undefined): Exploration => ({ generated, distinct: seen.size, depth, violation, coverage });
  const complete = (a: Assignment, what: string): readonly Value[] => {
    const missing = variables.filter((_, i) => a[i] === undefined);
    if (missing.length > 0) throw new TlaError(`${what} leaves ${missing.join(', ')} without a value`, 0, model.spec.file);
    return a as readonly Value[];
  };
  const holds = (name: string, state: readonly Value[]): boolean => {
    const { expr, file } = bodyOf(model, name);
    return inFile(file, () => asBool(evaluate(expr, { ...base, state }), `invariant ${name}`, expr.line));
  };
  const frontier: string[] = [];
  let current: string | undefined;
  try {
    const init = bodyOf(model, request.init);
    const initial = inFile(init.file, () => satisfying(init.expr, base, 'init', variables.map(() => undefined)));
    const next = bodyOf(model, request.next);
    const labels = new WeakMap<object, { readonly name: string; readonly args: readonly Value[] }>();
    const discover = (state: readonly Value[], parent: string | undefined, action: string, d: number): Violation | undefined => {
      const key = stateKey(state);
      if (seen.has(key)) return undefined;
      seen.set(key, { state, parent, action, depth: d });
      depth = Math.max(depth, d);
      if (seen.size > (request.maxStates ?? 200_000)) throw new TlaError(`more than ${request.maxStates ?? 200_000} distinct states: give smaller constants`, 0, model.spec.file);
      const broken = request.invariants.find((inv) => !holds(inv, state));
      if (broken !== undefined) return { kind: 'invariant', invariant: broken, trace: traceTo(key) };
      frontier.push(key);
      return undefined;
    };
    for (const a of initial) {
      generated++;
      const v = discover(complete(a, request.init), undefined, 'Init', 0);
      if (v !== undefined) return done(v);
    }
    for (let i = 0; i < frontier.length; i++) {
      current = frontier[i] as string;
      const node = seen.get(current) as Node;
      if (request.constraints.some((c) => !holds(c, node.state))) continue;
      const ctx: Ctx = { ...base, state: node.state, cov: coverage, labels };
      const succs = inFile(next.file, () => satisfying(next.expr, ctx, 'next', variables.map(() => undefined)));
      generated += succs.length;
      if (succs.length === 0 && request.checkDeadlock) return done({ kind: 'deadlock', trace: traceTo(current) });
      for (const a of succs) {
        const v = discover(complete(a, request.next), current, labelText(labels.get(a)) ?? request.next, node.depth + 1);
        if (v !== undefined) return done(v);
      }
    }
  } catch (e) {
    if (!(e instanceof TlaError)) throw e;
    return done({ kind: 'error', message: e.where(), trace: current === undefined ? [] : traceTo(current) });
  }
  return done(undefined);
}
