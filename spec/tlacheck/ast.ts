/**
 * The expressions the evaluator understands, lowered from the tree-sitter tree (lower.ts). Every
 * node keeps the 1-based line it starts on, for error messages and coverage.
 *
 * @module
 */

/** The infix operators the evaluator supports, by TLA+ symbol. */
export type BinOp =
  | '=' | '#' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '\\div' | '%' | '..'
  | '\\in' | '\\notin' | '\\cup' | '\\cap' | '\\' | '\\subseteq' | '\\o' | '=>' | '<=>';

/** `x \in S` or `<<x, y>> \in S`: names bound to the elements of a set (`x, y \in S` is lowered to two bounds). */
export interface Bound {
  /** The names it introduces. */
  readonly names: readonly string[];
  /** True for `<<x, y>> \in S`: each element is a tuple split into the names. */
  readonly tuple: boolean;
  /** The set. */
  readonly set: Expr;
}

/** An operator (or function) definition: module level or in a LET. */
export interface Def {
  /** Its name. */
  readonly name: string;
  /** Its parameters (none for a zero-arity definition). */
  readonly params: readonly string[];
  /** Its body. */
  readonly body: Expr;
  /** 1-based line of the definition. */
  readonly line: number;
  /** Whether the body contains a prime (an action, or an expression about the next state). */
  readonly primed: boolean;
}

/** One `!…= v` of an EXCEPT: a path of applications and field accesses, then the new value. */
export interface ExceptUpdate {
  /** The path: each step an argument (`[a]`) or a field name (`.f`, as a string). */
  readonly path: readonly Expr[];
  /** The new value; `@` in it is the old one. */
  readonly value: Expr;
}

/** A lowered TLA+ expression. */
export type Expr = { readonly line: number } & (
  | { readonly k: 'lit'; readonly v: boolean | number | string }
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'apply'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: 'prime'; readonly e: Expr }
  | { readonly k: 'unchanged'; readonly e: Expr }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'neg'; readonly e: Expr }
  | { readonly k: 'and'; readonly es: readonly Expr[] }
  | { readonly k: 'or'; readonly es: readonly Expr[] }
  | { readonly k: 'bin'; readonly op: BinOp; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'if'; readonly id: number; readonly col: number; readonly c: Expr; readonly t: Expr; readonly e: Expr }
  | { readonly k: 'case'; readonly id: number; readonly col: number; readonly arms: readonly { readonly c: Expr; readonly e: Expr }[]; readonly other: Expr | undefined }
  | { readonly k: 'let'; readonly defs: readonly Def[]; readonly body: Expr }
  | { readonly k: 'quant'; readonly q: 'A' | 'E'; readonly bounds: readonly Bound[]; readonly body: Expr }
  | { readonly k: 'choose'; readonly bound: Bound; readonly body: Expr }
  | { readonly k: 'setlit'; readonly es: readonly Expr[] }
  | { readonly k: 'filter'; readonly bound: Bound; readonly pred: Expr }
  | { readonly k: 'map'; readonly e: Expr; readonly bounds: readonly Bound[] }
  | { readonly k: 'funlit'; readonly bounds: readonly Bound[]; readonly e: Expr }
  | { readonly k: 'funset'; readonly dom: Expr; readonly cod: Expr }
  | { readonly k: 'reclit'; readonly fields: readonly (readonly [string, Expr])[] }
  | { readonly k: 'recset'; readonly fields: readonly (readonly [string, Expr])[] }
  | { readonly k: 'app'; readonly f: Expr; readonly args: readonly Expr[] }
  | { readonly k: 'dot'; readonly e: Expr; readonly field: string }
  | { readonly k: 'except'; readonly f: Expr; readonly updates: readonly ExceptUpdate[] }
  | { readonly k: 'at' }
  | { readonly k: 'tuple'; readonly es: readonly Expr[] }
  | { readonly k: 'powerset'; readonly e: Expr }
  | { readonly k: 'bigunion'; readonly e: Expr }
  | { readonly k: 'domain'; readonly e: Expr }
  | { readonly k: 'set'; readonly which: 'Nat' | 'Int' | 'BOOLEAN' | 'STRING' }
  /** A construct the evaluator does not support: evaluating it is an error naming it. */
  | { readonly k: 'unsupported'; readonly construct: string }
);

/** An expression of one kind. */
export type ExprOf<K extends Expr['k']> = Extract<Expr, { readonly k: K }>;

/** Whether `e` contains a prime or UNCHANGED anywhere (LET bodies and definitions included). */
export function hasPrime(e: Expr): boolean {
  return e.k === 'prime' || e.k === 'unchanged' || children(e).some(hasPrime);
}

/** The direct subexpressions of `e`, bounds' sets and LET definitions' bodies included. */
export function children(e: Expr): readonly Expr[] {
  const bounds = (bs: readonly Bound[]): Expr[] => bs.map((b) => b.set);
  switch (e.k) {
    case 'lit': case 'name': case 'at': case 'set': case 'unsupported': return [];
    case 'apply': return e.args;
    case 'prime': case 'unchanged': case 'not': case 'neg': case 'powerset': case 'bigunion': case 'domain': return [e.e];
    case 'and': case 'or': case 'setlit': case 'tuple': return e.es;
    case 'bin': return [e.l, e.r];
    case 'if': return [e.c, e.t, e.e];
    case 'case': return [...e.arms.flatMap((a) => [a.c, a.e]), ...(e.other === undefined ? [] : [e.other])];
    case 'let': return [...e.defs.map((d) => d.body), e.body];
    case 'quant': return [...bounds(e.bounds), e.body];
    case 'choose': return [e.bound.set, e.body];
    case 'filter': return [e.bound.set, e.pred];
    case 'map': return [e.e, ...bounds(e.bounds)];
    case 'funlit': return [...bounds(e.bounds), e.e];
    case 'funset': return [e.dom, e.cod];
    case 'reclit': case 'recset': return e.fields.map((f) => f[1]);
    case 'app': return [e.f, ...e.args];
    case 'dot': return [e.e];
    case 'except': return [e.f, ...e.updates.flatMap((u) => [...u.path, u.value])];
  }
}
