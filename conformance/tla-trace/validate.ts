/**
 * Trace validation: each transition of the model, mapped by the abstraction, must be a step of
 * the TLA+ module: the state after is one of the successors the call's action (its label, a
 * disjunct of Next) allows from the state before, or equal to the state before (a stutter).
 * Every abstract state must also satisfy the module's invariants. What is not is a
 * {@link Disagreement}, reported with both states and the clauses on either side.
 *
 * @module
 */
import type { Expr } from '../../spec/tlacheck/ast.js';
import { type Assignment, satisfying } from '../../spec/tlacheck/action.js';
import { type Ctx, type Env, type Model, bind, modelOf } from '../../spec/tlacheck/context.js';
import { TlaError } from '../../spec/tlacheck/errors.js';
import { evaluate } from '../../spec/tlacheck/eval.js';
import type { TlaSpec } from '../../spec/tlacheck/module.js';
import { stateKey } from '../../spec/tlacheck/explore.js';
import { type Value, formatValue } from '../../spec/tlacheck/values.js';
import type { World } from '../../model/world/world.js';
import { type TraceModule, abstractState } from './abstraction.js';
import { traceConstants } from './constants.js';
import type { Transition } from './transitions.js';

/** A model step that is not a step of the module. */
export interface Disagreement {
  /** 1-based step number in the case. */
  readonly step: number;
  /** The label: the action and its arguments. */
  readonly action: string;
  /** What is wrong, in a line. */
  readonly reason: string;
  /** The abstract state before. */
  readonly before: ReadonlyMap<string, Value>;
  /** The abstract state after. */
  readonly after: ReadonlyMap<string, Value>;
  /** The clauses the model's outcome cites. */
  readonly modelClauses: readonly string[];
  /** The actions the closest TLA+ successor came through (outermost first), their clauses, and the variables where it differs. */
  readonly tla: { readonly action: string; readonly clauses: readonly string[]; readonly differs: readonly string[] } | undefined;
}

/** What validating one case in one profile found. */
export interface Validation {
  /** Transitions checked. */
  readonly transitions: number;
  /** The disagreements, in step order. */
  readonly disagreements: readonly Disagreement[];
}

/** `vars` in the spec's variable order. */
function asState(spec: TlaSpec, vars: ReadonlyMap<string, Value>): Value[] {
  return spec.variables.map((v) => {
    const value = vars.get(v.name);
    if (value === undefined) throw new Error(`trace validation: the abstraction gives no value for ${v.name}`);
    return value;
  });
}

/** The invariants of a module: its definitions named Inv… and TypeOK. */
export function invariantsOf(spec: TlaSpec): string[] {
  return [...spec.defs.keys()].filter((n) => (n.startsWith('Inv') || n === 'TypeOK') && spec.defs.get(n)?.params.length === 0);
}

/** Validates `transitions` (of one case, in `world`) against `spec`; `tags` gives each action's clauses. */
export function validate(
  spec: TlaSpec, module: TraceModule, world: World, transitions: readonly Transition[], tags: ReadonlyMap<string, readonly string[]>,
): Validation {
  const model: Model = modelOf(spec, traceConstants(world, module, transitions.map((t) => t.label)));
  const base: Ctx = { model, state: [], next: undefined, env: undefined, at: undefined, cov: undefined };
  const succsMemo = new Map<string, { succs: Assignment[]; origins: WeakMap<object, string[]> } | string>();
  const invariants = invariantsOf(spec);
  const checkedStates = new Set<string>();
  const disagreements: Disagreement[] = [];
  for (const t of transitions) {
    const before = abstractState(module, t.before, t.seenBefore);
    const after = abstractState(module, t.outcome.next, t.seenAfter);
    const pre = asState(spec, before);
    const post = asState(spec, after);
    const action = `${t.label.action}(${t.label.args.map(formatValue).join(', ')})`;
    const report = (reason: string, tla?: Disagreement['tla']): void => {
      disagreements.push({ step: t.step, action, reason, before, after, modelClauses: t.outcome.cites, tla });
    };
    for (const state of [pre, post]) {
      const key = stateKey(state);
      if (checkedStates.has(key)) continue;
      checkedStates.add(key);
      const broken = invariants.filter((inv) => !holds(base, spec, inv, state));
      if (broken.length > 0) report(`the abstract state ${state === pre ? 'before' : 'after'} breaks ${broken.join(', ')}`);
    }
    const postKey = stateKey(post);
    if (stateKey(pre) === postKey) continue;
    const memoKey = `${stateKey(pre)}#${action}`;
    let found = succsMemo.get(memoKey);
    if (found === undefined) {
      found = successors(base, spec, t.label.action, t.label.args, pre);
      succsMemo.set(memoKey, found);
    }
    if (typeof found === 'string') { report(found); continue; }
    if (found.succs.some((s) => stateKey(s as Value[]) === postKey)) continue;
    report(`no step of ${t.label.action} from the state before reaches the state after (${found.succs.length} successors)`,
      closest(spec, found, post, tags));
  }
  return { transitions: transitions.length, disagreements };
}

function holds(base: Ctx, spec: TlaSpec, name: string, state: readonly Value[]): boolean {
  try {
    return evaluate((spec.defs.get(name) as { body: Expr }).body, { ...base, state }) === true;
  } catch (e) {
    if (e instanceof TlaError) return false;
    throw e;
  }
}

/** The successors of `action(args)` from `pre`, or the error evaluating it. */
function successors(base: Ctx, spec: TlaSpec, action: string, args: readonly Value[], pre: readonly Value[]): { succs: Assignment[]; origins: WeakMap<object, string[]> } | string {
  let env: Env | undefined;
  args.forEach((a, i) => { env = bind(env, `\u0000arg${i}`, a); });
  const expr: Expr = { k: 'apply', name: action, args: args.map((_, i) => ({ k: 'name', name: `\u0000arg${i}`, line: 0 })), line: 0 };
  const origins = new WeakMap<object, string[]>();
  try {
    const succs = satisfying(expr, { ...base, state: pre, env, origins }, 'next', spec.variables.map(() => undefined));
    const incomplete = succs.find((s) => s.some((v) => v === undefined));
    if (incomplete !== undefined) {
      const missing = spec.variables.filter((_, i) => incomplete[i] === undefined).map((v) => v.name);
      return `${action} leaves ${missing.join(', ')} without a value in some successor`;
    }
    return { succs, origins };
  } catch (e) {
    if (e instanceof TlaError) return `evaluating ${action}: ${e.where()}`;
    throw e;
  }
}

/** The successor closest to `post` (fewest variables differing), the innermost action that made it, and its clauses. */
function closest(
  spec: TlaSpec, found: { succs: Assignment[]; origins: WeakMap<object, string[]> }, post: readonly Value[],
  tags: ReadonlyMap<string, readonly string[]>,
): Disagreement['tla'] {
  let best: { s: Assignment; differs: string[] } | undefined;
  for (const s of found.succs) {
    const differs = spec.variables.filter((_, i) => stateKey([s[i] as Value]) !== stateKey([post[i] as Value])).map((v) => v.name);
    if (best === undefined || differs.length < best.differs.length) best = { s, differs };
  }
  if (best === undefined) return undefined;
  const chain = [...new Set(found.origins.get(best.s) ?? [])];
  const clauses = [...new Set(chain.flatMap((name) => tags.get(name) ?? []))];
  return { action: [...chain].reverse().join(' > '), clauses, differs: best.differs };
}
