/**
 * What an evaluation runs in: the spec with its constants given, the current state and the
 * primed assignment being built, local bindings, and the coverage being recorded.
 *
 * @module
 */
import type { Def } from './ast.js';
import type { Coverage } from './coverage.js';
import type { TlaSpec } from './module.js';
import type { Value } from './values.js';

/** An operator defined in a LET (or passed nowhere else): its definition and the bindings it sees. */
export class LetOp {
  /** The definition. */
  readonly def: Def;
  /** The bindings in scope where it was defined. */
  readonly env: Env | undefined;
  /** For a zero-arity definition about one state: its value, and the state it was computed in. */
  memo: { readonly state: readonly (Value | undefined)[]; readonly value: Value } | undefined;
  /** A LET definition closed over `env`. */
  constructor(def: Def, env: Env | undefined) {
    this.def = def;
    this.env = env;
    this.memo = undefined;
  }
}

/** Local bindings: bound variables, operator parameters and LET definitions, innermost first. */
export interface Env {
  /** The bound name. */
  readonly name: string;
  /** Its value, or the LET operator it names. */
  readonly value: Value | LetOp;
  /** The enclosing bindings. */
  readonly up: Env | undefined;
}

/** A spec with values for its constants. */
export interface Model {
  /** The spec. */
  readonly spec: TlaSpec;
  /** The value of each constant. */
  readonly constants: ReadonlyMap<string, Value>;
  /** Values of constant-level definitions (zero-arity by name, others by name and arguments), computed once. */
  readonly cache: Map<string, Value>;
  /** Values of state-level definitions in the two states evaluated last (each entry notes whether coverage was recorded). */
  readonly stateMemos: { readonly state: readonly (Value | undefined)[]; readonly values: Map<string, { value: Value; covered: boolean }> }[];
}

/** The context of one evaluation. */
export interface Ctx {
  /** The spec and its constants. */
  readonly model: Model;
  /** The current state, by variable index (`undefined`: not assigned yet, while evaluating Init). */
  readonly state: readonly (Value | undefined)[];
  /** The next state being assigned, by variable index; `undefined` outside an action. */
  readonly next: readonly (Value | undefined)[] | undefined;
  /** Local bindings. */
  readonly env: Env | undefined;
  /** The value `@` stands for inside an EXCEPT. */
  readonly at: Value | undefined;
  /** Where branch coverage is recorded, when it is. */
  readonly cov: Coverage | undefined;
  /** When kept: the outermost action, with its arguments, that produced each assignment. */
  readonly labels?: WeakMap<object, { readonly name: string; readonly args: readonly Value[] }>;
  /** When kept: every action an assignment came through, innermost first. */
  readonly origins?: WeakMap<object, string[]>;
}

/** `ctx` with other local bindings (and `@`). */
export function withEnv(ctx: Ctx, env: Env | undefined, at: Value | undefined = ctx.at): Ctx {
  return { model: ctx.model, state: ctx.state, next: ctx.next, env, at, cov: ctx.cov, labels: ctx.labels, origins: ctx.origins };
}

/** `ctx` with another current and next state. */
export function withStates(ctx: Ctx, state: readonly (Value | undefined)[], next: readonly (Value | undefined)[] | undefined): Ctx {
  return { model: ctx.model, state, next, env: ctx.env, at: ctx.at, cov: ctx.cov, labels: ctx.labels, origins: ctx.origins };
}

/** A model: `spec` with `constants`. */
export function modelOf(spec: TlaSpec, constants: ReadonlyMap<string, Value>): Model {
  return { spec, constants, cache: new Map(), stateMemos: [] };
}

/** `env` with `name` bound to `value`. */
export function bind(env: Env | undefined, name: string, value: Value | LetOp): Env {
  return { name, value, up: env };
}

/** The innermost binding of `name`, if any. */
export function lookupLocal(env: Env | undefined, name: string): Value | LetOp | undefined {
  for (let e = env; e !== undefined; e = e.up) if (e.name === name) return e.value;
  return undefined;
}
