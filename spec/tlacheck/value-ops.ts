/**
 * Operations on values the evaluator and the standard modules share: membership, enumeration,
 * function application and update, and the typed accessors that turn a wrong type into an error
 * naming the line.
 *
 * @module
 */
import { TlaError } from './errors.js';
import { TFun, TInfinite, TSet, type Value, compare, formatValue, funOf, keyOf, seqOf, setOf } from './values.js';

/** The largest set the evaluator builds from SUBSET or [S -> T]; beyond it, an error. */
export const SET_LIMIT = 1_000_000;

const memberKeys = new WeakMap<TSet, Set<string>>();

/** A short text of a value for error messages. */
export function brief(v: Value): string {
  const text = formatValue(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** `v` as a boolean, or an error naming `what`. */
export function asBool(v: Value, what: string, line: number): boolean {
  if (typeof v !== 'boolean') throw new TlaError(`${what} must be a boolean, got ${brief(v)}`, line);
  return v;
}

/** `v` as an integer, or an error naming `what`. */
export function asInt(v: Value, what: string, line: number): number {
  if (typeof v !== 'number') throw new TlaError(`${what} must be an integer, got ${brief(v)}`, line);
  return v;
}

/** `v` as a function (record, tuple, sequence), or an error naming `what`. */
export function asFun(v: Value, what: string, line: number): TFun {
  if (!(v instanceof TFun)) throw new TlaError(`${what} must be a function, record or sequence, got ${brief(v)}`, line);
  return v;
}

/** `v` as a sequence, or an error naming `what`. */
export function asSeq(v: Value, what: string, line: number): TFun {
  const f = asFun(v, what, line);
  if (!f.isSeq && f.dom.length > 0) throw new TlaError(`${what} must be a sequence, got ${brief(v)}`, line);
  return f;
}

/** The elements of a finite set; an infinite set or a non-set is an error naming `what`. */
export function elementsOf(v: Value, what: string, line: number): readonly Value[] {
  if (v instanceof TSet) return v.elems;
  if (v instanceof TInfinite) throw new TlaError(`${what} is the infinite set ${brief(v)}, which cannot be enumerated`, line);
  throw new TlaError(`${what} must be a set, got ${brief(v)}`, line);
}

/** Whether `x \in s`. */
export function isMember(x: Value, s: Value, line: number): boolean {
  if (s instanceof TSet) {
    let keys = memberKeys.get(s);
    if (keys === undefined) { keys = new Set(s.elems.map(keyOf)); memberKeys.set(s, keys); }
    return keys.has(keyOf(x));
  }
  if (s instanceof TInfinite) {
    switch (s.which) {
      case 'Nat': return typeof x === 'number' && x >= 0;
      case 'Int': return typeof x === 'number';
      case 'STRING': return typeof x === 'string';
      case 'Seq': return x instanceof TFun && (x.isSeq || x.dom.length === 0) && x.vals.every((e) => isMember(e, s.elem as Value, line));
    }
  }
  throw new TlaError(`\\in needs a set on its right, got ${brief(s)}`, line);
}

/** `f[arg]`: an argument outside the domain is an error. */
export function apply(f: Value, arg: Value, line: number): Value {
  const fun = asFun(f, 'the applied value', line);
  const v = fun.at(arg);
  if (v === undefined) throw new TlaError(`${brief(arg)} is not in the domain of ${brief(f)}`, line);
  return v;
}

/** `f` with the value at `arg` replaced by `value` (EXCEPT); `arg` must be in the domain. */
export function updated(f: Value, arg: Value, value: Value, line: number): TFun {
  const fun = asFun(f, 'the EXCEPT target', line);
  if (fun.isSeq) {
    if (typeof arg !== 'number' || arg < 1 || arg > fun.vals.length) throw new TlaError(`EXCEPT of ${brief(arg)}, outside the domain of ${brief(f)}`, line);
    const vals = fun.vals.slice();
    vals[arg - 1] = value;
    return seqOf(vals);
  }
  const i = fun.dom.findIndex((d) => compare(d, arg) === 0);
  if (i < 0) throw new TlaError(`EXCEPT of ${brief(arg)}, outside the domain of ${brief(f)}`, line);
  const vals = fun.vals.slice();
  vals[i] = value;
  return new TFun(fun.dom, vals, false);
}

/** The set of all functions from `dom` to `cod` ([S -> T]). */
export function functionSet(dom: Value, cod: Value, line: number): TSet {
  const ds = elementsOf(dom, 'the domain of [S -> T]', line);
  const cs = elementsOf(cod, 'the range of [S -> T]', line);
  if (cs.length ** ds.length > SET_LIMIT) throw new TlaError(`[S -> T] has ${cs.length}^${ds.length} elements, too many to build`, line);
  let partial: Value[][] = [[]];
  for (let i = 0; i < ds.length; i++) partial = partial.flatMap((vals) => cs.map((c) => [...vals, c]));
  return setOf(partial.map((vals) => funOf(ds.map((d, i) => [d, vals[i] as Value]))));
}

/** The set of all records with each field ranging over its set ([a : S, b : T]). */
export function recordSet(fields: readonly (readonly [string, Value])[], line: number): TSet {
  let partial: (readonly [Value, Value])[][] = [[]];
  for (const [name, set] of fields) {
    const elems = elementsOf(set, `the set of field ${name}`, line);
    partial = partial.flatMap((pairs) => elems.map((e) => [...pairs, [name, e] as const]));
    if (partial.length > SET_LIMIT) throw new TlaError('the set of records is too large to build', line);
  }
  return setOf(partial.map((pairs) => funOf(pairs)));
}

/** SUBSET s. */
export function powerSet(s: Value, line: number): TSet {
  const elems = elementsOf(s, 'SUBSET of', line);
  if (2 ** elems.length > SET_LIMIT) throw new TlaError(`SUBSET of a set of ${elems.length} elements is too large to build`, line);
  let subsets: Value[][] = [[]];
  for (const e of elems) subsets = [...subsets, ...subsets.map((sub) => [...sub, e])];
  return setOf(subsets.map((sub) => new TSet(sub)));
}

/** UNION s. */
export function bigUnion(s: Value, line: number): TSet {
  return setOf(elementsOf(s, 'UNION of', line).flatMap((x) => elementsOf(x, 'an element of UNION', line)));
}

/** a..b. */
export function range(a: number, b: number, line: number): TSet {
  if (b - a > SET_LIMIT) throw new TlaError(`${a}..${b} is too large to build`, line);
  const elems: number[] = [];
  for (let i = a; i <= b; i++) elems.push(i);
  return new TSet(elems);
}
