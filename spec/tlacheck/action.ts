/**
 * Evaluating an action (or Init) as TLC does: conjuncts in order, each `x' = e` or `x' \in S`
 * assigning a primed variable the first time and testing it afterwards, disjunctions and `\E`
 * splitting the assignment, UNCHANGED as `x' = x`. The result is every assignment extending the
 * given one under which the action holds: successor enumeration when nothing is assigned yet,
 * a test of one step when everything is.
 *
 * @module
 */
import type { Expr } from './ast.js';
import { isStateLevel } from './levels.js';
import { type Ctx, lookupLocal, withEnv, withStates } from './context.js';
import { TlaError } from './errors.js';
import { callEnv, caseArm, evaluate, forEachBinding, inFile, letEnv, resolveOperator } from './eval.js';
import { asBool, elementsOf } from './value-ops.js';
import { type Value, equals } from './values.js';

/** Values for the variables, by index; `undefined` where not assigned yet. */
export type Assignment = readonly (Value | undefined)[];

/** Which variables an action assigns: the primed ones (Next) or the unprimed ones (Init). */
export type Target = 'next' | 'init';

/** The context of an action evaluation: `ctx` without the assignment, which each branch carries. */
interface ActCtx {
  readonly ctx: Ctx;
  readonly target: Target;
}

/** Every extension of `assigned` under which `action` holds, starting from `ctx` (its state is the current one). */
export function satisfying(action: Expr, ctx: Ctx, target: Target, assigned: Assignment): Assignment[] {
  return act(action, { ctx, target }, assigned);
}

function withAssignment(c: ActCtx, asg: Assignment): Ctx {
  return c.target === 'next' ? withStates(c.ctx, c.ctx.state, asg) : withStates(c.ctx, asg, undefined);
}

/** The variable index `e` assigns (`x'` for Next, `x` for Init), or undefined when it is no assignment target. */
function targetOf(e: Expr, c: ActCtx): number | undefined {
  const name = c.target === 'next' ? (e.k === 'prime' && e.e.k === 'name' ? e.e.name : undefined) : (e.k === 'name' ? e.name : undefined);
  if (name === undefined || lookupLocal(c.ctx.env, name) !== undefined) return undefined;
  return c.ctx.model.spec.varIndex.get(name);
}

function assign(asg: Assignment, index: number, v: Value): Assignment {
  const out = asg.slice();
  out[index] = v;
  return out;
}

/** `x = v` for an assignment target: assigns when unassigned, else tests. */
function assignOrTest(asg: Assignment, index: number, v: Value): Assignment[] {
  const cur = asg[index];
  if (cur === undefined) return [assign(asg, index, v)];
  return equals(cur, v) ? [asg] : [];
}

function act(e: Expr, c: ActCtx, asg: Assignment): Assignment[] {
  // A predicate keeps the assignment or drops it; a disjunction or \E of predicates yields it once.
  if (c.target === 'next' && e.k !== 'name' && e.k !== 'apply' && isStateLevel(e, c.ctx.model.spec)) {
    return asBool(evaluate(e, withAssignment(c, asg)), 'a conjunct of an action', e.line) ? [asg] : [];
  }
  if (e.k === 'and') {
    const origins = c.ctx.origins;
    let out: Assignment[] = [asg];
    for (const conjunct of e.es) {
      const next: Assignment[] = [];
      for (const a of out) {
        for (const b of act(conjunct, c, a)) {
          // A later conjunct's assignment carries on from the actions the earlier ones came through.
          if (origins !== undefined && b !== a && origins.has(a)) origins.set(b, [...(origins.get(a) ?? []), ...(origins.get(b) ?? [])]);
          next.push(b);
        }
      }
      out = next;
      if (out.length === 0) break;
    }
    return out;
  }
  if (e.k === 'or') {
    const out: Assignment[] = [];
    for (const d of e.es) for (const b of act(d, c, asg)) out.push(b);
    return out;
  }
  const ctx = withAssignment(c, asg);
  switch (e.k) {
    case 'bin': {
      const index = e.op === '=' || e.op === '\\in' ? targetOf(e.l, c) : undefined;
      if (index === undefined) break;
      const v = evaluate(e.r, ctx);
      if (e.op === '=') return assignOrTest(asg, index, v);
      return elementsOf(v, 'the set a variable is assigned from', e.line).flatMap((x) => assignOrTest(asg, index, x));
    }
    case 'unchanged': {
      if (c.target !== 'next') throw new TlaError('UNCHANGED outside an action', e.line);
      let out: Assignment[] = [asg];
      for (const index of unchangedVars(e.e, c.ctx)) {
        out = out.flatMap((a) => assignOrTest(a, index, c.ctx.state[index] as Value));
      }
      return out;
    }
    case 'quant': {
      if (e.q === 'A') break;
      const out: Assignment[] = [];
      forEachBinding(e.bounds, ctx, (env) => { out.push(...act(e.body, { target: c.target, ctx: withEnv(c.ctx, env) }, asg)); return false; });
      return out;
    }
    case 'if': {
      const cond = asBool(evaluate(e.c, ctx), 'the IF condition', e.line);
      ctx.cov?.branch(e.id, cond ? 0 : 1);
      return act(cond ? e.t : e.e, c, asg);
    }
    case 'case': return act(caseArm(e, ctx), c, asg);
    case 'let': return act(e.body, { target: c.target, ctx: withEnv(c.ctx, letEnv(e.defs, c.ctx.env)) }, asg);
    case 'name': case 'apply': {
      const op = resolveOperator(e.name, ctx);
      if (op === undefined) break;
      const args = e.k === 'apply' ? e.args.map((a) => evaluate(a, ctx)) : [];
      const env = callEnv(op, args, e.line);
      const out = inFile(op.file, () => act(op.def.body, { target: c.target, ctx: withEnv(c.ctx, env, undefined) }, asg));
      if (out.length > 0 && op.file !== undefined) {
        ctx.cov?.enable(op.def.name);
        for (const a of out) {
          if (a === asg) continue;
          ctx.labels?.set(a, { name: e.name, args });
          if (ctx.origins !== undefined && !(ctx.origins.get(a) ?? []).includes(e.name)) ctx.origins.set(a, [...(ctx.origins.get(a) ?? []), e.name]);
        }
      }
      return out;
    }
    default: break;
  }
  return asBool(evaluate(e, ctx), 'a conjunct of an action', e.line) ? [asg] : [];
}

/** The variable indexes `UNCHANGED e` names: a variable, a tuple of them, or a definition equal to one. */
function unchangedVars(e: Expr, ctx: Ctx): number[] {
  if (e.k === 'tuple') return e.es.flatMap((x) => unchangedVars(x, ctx));
  if (e.k === 'name') {
    const index = ctx.model.spec.varIndex.get(e.name);
    if (index !== undefined) return [index];
    const def = ctx.model.spec.defs.get(e.name);
    if (def !== undefined && def.params.length === 0) return unchangedVars(def.body, ctx);
  }
  throw new TlaError('UNCHANGED takes a variable, a tuple of variables, or a definition of one', e.line);
}
