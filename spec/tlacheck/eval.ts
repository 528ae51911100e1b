/**
 * Evaluating a TLA+ expression to a value in a {@link Ctx}. A construct the evaluator does not
 * support, a type error or an undefined name is a {@link TlaError} naming the line, never a guess.
 *
 * @module
 */
import type { Bound, Def, Expr, ExprOf } from './ast.js';
import { applyBuiltin, hasArithmetic } from './builtins.js';
import { type Ctx, type Env, LetOp, bind, lookupLocal, withEnv, withStates } from './context.js';
import { TlaError } from './errors.js';
import type { ModuleDef } from './module.js';
import { evalBinary } from './eval-binary.js';
import {
  apply, asBool, asFun, asInt, bigUnion, brief, elementsOf, functionSet, powerSet, recordSet, updated,
} from './value-ops.js';
import { TInfinite, type Value, equals, funOf, recordOf, seqOf, setOf } from './values.js';
import { isStateLevel } from './levels.js';
import { remembered } from './memo.js';

/** A user-defined operator found by name: its definition and the bindings its body sees. */
export interface Resolved {
  /** The definition. */
  readonly def: Def;
  /** The bindings its body sees (none for a module-level definition). */
  readonly env: Env | undefined;
  /** The file of a module-level definition. */
  readonly file: string | undefined;
}

/** The user-defined operator `name` (a LET definition in scope, else a module definition), if any. */
export function resolveOperator(name: string, ctx: Ctx): Resolved | undefined {
  const local = lookupLocal(ctx.env, name);
  if (local instanceof LetOp) return { def: local.def, env: local.env, file: undefined };
  if (local !== undefined) return undefined;
  const def: ModuleDef | undefined = ctx.model.spec.defs.get(name);
  return def === undefined ? undefined : { def, env: undefined, file: def.file };
}

/** Runs `body` with errors that carry no file given `file`. */
export function inFile<T>(file: string | undefined, body: () => T): T {
  if (file === undefined) return body();
  try {
    return body();
  } catch (e) {
    if (e instanceof TlaError && e.file === undefined) e.file = file;
    throw e;
  }
}

/** The bindings a call of `op` with `args` evaluates its body under. */
export function callEnv(op: Resolved, args: readonly Value[], line: number): Env | undefined {
  if (args.length !== op.def.params.length) {
    throw new TlaError(`${op.def.name} takes ${op.def.params.length} argument(s), got ${args.length}`, line);
  }
  let env = op.env;
  op.def.params.forEach((p, i) => { env = bind(env, p, args[i] as Value); });
  return env;
}

/** The value of `e` in `ctx`. */
export function evaluate(e: Expr, ctx: Ctx): Value {
  switch (e.k) {
    case 'lit': return e.v;
    case 'name': return valueOfName(e.name, ctx, e.line);
    case 'apply': return applyOperator(e.name, e.args.map((a) => evaluate(a, ctx)), ctx, e.line);
    case 'prime': return primed(e.e, ctx, e.line);
    case 'unchanged': return equals(primed(e.e, ctx, e.line), evaluate(e.e, ctx));
    case 'not': return !asBool(evaluate(e.e, ctx), 'the operand of ~', e.line);
    case 'neg': return -asInt(evaluate(e.e, ctx), 'the operand of unary -', e.line);
    case 'and': return e.es.every((c) => asBool(evaluate(c, ctx), 'a conjunct', c.line));
    case 'or': return e.es.some((c) => asBool(evaluate(c, ctx), 'a disjunct', c.line));
    case 'bin': return evalBinary(e, ctx, evaluate);
    case 'if': {
      const c = asBool(evaluate(e.c, ctx), 'the IF condition', e.line);
      ctx.cov?.branch(e.id, c ? 0 : 1);
      return evaluate(c ? e.t : e.e, ctx);
    }
    case 'case': return evaluate(caseArm(e, ctx), ctx);
    case 'let': return evaluate(e.body, withEnv(ctx, letEnv(e.defs, ctx.env)));
    case 'quant': {
      const found = forEachBinding(e.bounds, ctx, (env) => asBool(evaluate(e.body, withEnv(ctx, env)), 'a quantified body', e.line) === (e.q === 'E'));
      return e.q === 'E' ? found : !found;
    }
    case 'choose': {
      let chosen: Value | undefined;
      forEachBinding([e.bound], ctx, (env) => {
        if (!asBool(evaluate(e.body, withEnv(ctx, env)), 'the CHOOSE condition', e.line)) return false;
        chosen = boundValue(e.bound, env);
        return true;
      });
      if (chosen === undefined) throw new TlaError('CHOOSE found no value satisfying its condition', e.line);
      return chosen;
    }
    case 'setlit': return setOf(e.es.map((x) => evaluate(x, ctx)));
    case 'filter': {
      const kept: Value[] = [];
      forEachBinding([e.bound], ctx, (env) => {
        if (asBool(evaluate(e.pred, withEnv(ctx, env)), 'the set filter', e.line)) kept.push(boundValue(e.bound, env));
        return false;
      });
      return setOf(kept);
    }
    case 'map': {
      const out: Value[] = [];
      forEachBinding(e.bounds, ctx, (env) => { out.push(evaluate(e.e, withEnv(ctx, env))); return false; });
      return setOf(out);
    }
    case 'funlit': {
      const pairs: [Value, Value][] = [];
      forEachBinding(e.bounds, ctx, (env) => {
        const args = e.bounds.map((b) => boundValue(b, env));
        pairs.push([args.length === 1 ? args[0] as Value : seqOf(args), evaluate(e.e, withEnv(ctx, env))]);
        return false;
      });
      return funOf(pairs);
    }
    case 'funset': return functionSet(evaluate(e.dom, ctx), evaluate(e.cod, ctx), e.line);
    case 'reclit': return recordOf(Object.fromEntries(e.fields.map(([n, x]) => [n, evaluate(x, ctx)])));
    case 'recset': return recordSet(e.fields.map(([n, x]) => [n, evaluate(x, ctx)] as const), e.line);
    case 'app': {
      const args = e.args.map((a) => evaluate(a, ctx));
      return apply(evaluate(e.f, ctx), args.length === 1 ? args[0] as Value : seqOf(args), e.line);
    }
    case 'dot': {
      const r = asFun(evaluate(e.e, ctx), `the record whose field ${e.field} is read`, e.line);
      const v = r.at(e.field);
      if (v === undefined) throw new TlaError(`the record ${brief(r)} has no field ${e.field}`, e.line);
      return v;
    }
    case 'except': return except(e, ctx);
    case 'at':
      if (ctx.at === undefined) throw new TlaError('@ outside an EXCEPT', e.line);
      return ctx.at;
    case 'tuple': return seqOf(e.es.map((x) => evaluate(x, ctx)));
    case 'powerset': return powerSet(evaluate(e.e, ctx), e.line);
    case 'bigunion': return bigUnion(evaluate(e.e, ctx), e.line);
    case 'domain': return setOf(asFun(evaluate(e.e, ctx), 'the argument of DOMAIN', e.line).dom);
    case 'set': return builtinSet(e.which, ctx, e.line);
    case 'unsupported': throw new TlaError(`unsupported construct: ${e.construct}`, e.line);
  }
}

function builtinSet(which: ExprOf<'set'>['which'], ctx: Ctx, line: number): Value {
  if (which === 'BOOLEAN') return setOf([false, true]);
  if (which === 'STRING') return new TInfinite('STRING');
  const standard = ctx.model.spec.standard;
  if (which === 'Nat' && !hasArithmetic(standard)) throw new TlaError('Nat needs EXTENDS Naturals', line);
  if (which === 'Int' && !standard.has('Integers')) throw new TlaError('Int needs EXTENDS Integers', line);
  return new TInfinite(which);
}

/** The arm a CASE takes: the first whose condition holds, else OTHER. */
export function caseArm(e: ExprOf<'case'>, ctx: Ctx): Expr {
  for (const [i, arm] of e.arms.entries()) {
    if (asBool(evaluate(arm.c, ctx), 'a CASE condition', arm.c.line)) { ctx.cov?.branch(e.id, i); return arm.e; }
  }
  if (e.other === undefined) throw new TlaError('no CASE arm applies and there is no OTHER', e.line);
  ctx.cov?.branch(e.id, e.arms.length);
  return e.other;
}

/** The bindings after a LET's definitions. */
export function letEnv(defs: readonly Def[], env: Env | undefined): Env | undefined {
  let out = env;
  for (const def of defs) out = bind(out, def.name, new LetOp(def, out));
  return out;
}

function valueOfName(name: string, ctx: Ctx, line: number): Value {
  const local = lookupLocal(ctx.env, name);
  if (local instanceof LetOp) {
    if (local.memo?.state === ctx.state) return local.memo.value;
    const value = callOperator({ def: local.def, env: local.env, file: undefined }, [], ctx, line);
    if (local.def.params.length === 0 && isStateLevel(local.def.body, ctx.model.spec)) local.memo = { state: ctx.state, value };
    return value;
  }
  if (local !== undefined) return local;
  const model = ctx.model;
  const def = model.spec.defs.get(name);
  if (def !== undefined) {
    if (!def.constantLevel) return callOperator({ def, env: undefined, file: def.file }, [], ctx, line);
    let cached = model.cache.get(name);
    if (cached === undefined) {
      cached = callOperator({ def, env: undefined, file: def.file }, [], { ...withEnv(ctx, undefined), cov: undefined }, line);
      model.cache.set(name, cached);
    }
    return cached;
  }
  const constant = model.constants.get(name);
  if (constant !== undefined) return constant;
  const index = model.spec.varIndex.get(name);
  if (index !== undefined) {
    const v = ctx.state[index];
    if (v === undefined) throw new TlaError(`variable ${name} has no value yet`, line);
    return v;
  }
  if (model.spec.constants.some((c) => c.name === name)) throw new TlaError(`constant ${name} has no value`, line);
  throw new TlaError(`unknown name ${name}`, line);
}

/** The value of operator `name` applied to `args` (a user definition, else a standard one). */
export function applyOperator(name: string, args: readonly Value[], ctx: Ctx, line: number): Value {
  const op = resolveOperator(name, ctx);
  if (op !== undefined) return callOperator(op, args, ctx, line);
  const v = applyBuiltin(name, args, ctx.model.spec.standard, line);
  if (v === undefined) throw new TlaError(`unknown operator ${name}`, line);
  return v;
}

function callOperator(op: Resolved, args: readonly Value[], ctx: Ctx, line: number): Value {
  const env = callEnv(op, args, line);
  return remembered(ctx, op.def, op.file, args, () => inFile(op.file, () => evaluate(op.def.body, withEnv(ctx, env, undefined))));
}

/** The value of `e'`: a primed variable from the next state, any other expression evaluated in it. */
function primed(e: Expr, ctx: Ctx, line: number): Value {
  const next = ctx.next;
  if (next === undefined) throw new TlaError('a primed expression outside an action', line);
  if (e.k === 'name' && lookupLocal(ctx.env, e.name) === undefined) {
    const index = ctx.model.spec.varIndex.get(e.name);
    if (index !== undefined) {
      const v = next[index];
      if (v === undefined) throw new TlaError(`${e.name}' is read before the action assigns it`, line);
      return v;
    }
  }
  if (e.k === 'tuple') return seqOf(e.es.map((x) => primed(x, ctx, x.line)));
  return evaluate(e, withStates(ctx, next, undefined));
}

function except(e: ExprOf<'except'>, ctx: Ctx): Value {
  let f = evaluate(e.f, ctx);
  for (const u of e.updates) {
    const path = u.path.map((p) => evaluate(p, ctx));
    const set = (cur: Value, i: number): Value => {
      if (i === path.length) return evaluate(u.value, withEnv(ctx, ctx.env, cur));
      const arg = path[i] as Value;
      return updated(cur, arg, set(apply(cur, arg, e.line), i + 1), e.line);
    };
    f = set(f, 0);
  }
  return f;
}

function boundValue(b: Bound, env: Env | undefined): Value {
  const values = b.names.map((n) => lookupLocal(env, n) as Value);
  return b.tuple ? seqOf(values) : values[0] as Value;
}

/**
 * Calls `fn` with the bindings of every combination of the bounds' elements, in order, until it
 * returns true; returns whether it did. A later bound's set may use the earlier names.
 */
export function forEachBinding(bounds: readonly Bound[], ctx: Ctx, fn: (env: Env | undefined) => boolean): boolean {
  const rec = (i: number, env: Env | undefined): boolean => {
    const b = bounds[i];
    if (b === undefined) return fn(env);
    const elems = elementsOf(evaluate(b.set, withEnv(ctx, env)), `the set of ${b.names.join(', ')}`, b.set.line);
    for (const el of elems) {
      let inner = env;
      if (b.tuple) {
        const t = asFun(el, 'an element of a tuple bound', b.set.line);
        if (!t.isSeq || t.vals.length !== b.names.length) throw new TlaError(`${brief(el)} is not a ${b.names.length}-tuple`, b.set.line);
        b.names.forEach((n, j) => { inner = bind(inner, n, t.vals[j] as Value); });
      } else {
        inner = bind(inner, b.names[0] as string, el);
      }
      if (rec(i + 1, inner)) return true;
    }
    return false;
  };
  return rec(0, ctx.env);
}
