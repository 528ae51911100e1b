/**
 * TLA+ values as the evaluator holds them: booleans, integers, strings, finite sets, functions
 * (records, tuples and sequences are functions, as in TLA+), and the few infinite sets a module
 * may test membership in. Every value has a canonical key, so that equal values have equal keys
 * and sets and states can be hashed.
 *
 * @module
 */

/** Any TLA+ value. */
export type Value = boolean | number | string | TSet | TFun | TInfinite;

/** A finite set: its elements sorted by {@link compare}, without duplicates. */
export class TSet {
  /** The elements, in canonical order. */
  readonly elems: readonly Value[];
  /** The canonical key, once computed. */
  cachedKey: string | undefined;
  /** Use {@link setOf} to build one from arbitrary elements. */
  constructor(sortedUnique: readonly Value[]) {
    this.elems = sortedUnique;
  }
}

/**
 * A function with a finite domain. Records are functions on strings, tuples and sequences are
 * functions on 1..n (`isSeq`), kept in an array so that indexing is direct.
 */
export class TFun {
  /** The domain, in canonical order. */
  readonly dom: readonly Value[];
  /** The value at each element of `dom`. */
  readonly vals: readonly Value[];
  /** Whether the domain is 1..n. */
  readonly isSeq: boolean;
  /** The canonical key, once computed. */
  cachedKey: string | undefined;
  /** The index of each domain element by key, once needed. */
  private index: Map<string, number> | undefined;
  /** Use {@link funOf}, {@link seqOf} or {@link recordOf}. */
  constructor(dom: readonly Value[], vals: readonly Value[], isSeq: boolean) {
    this.dom = dom;
    this.vals = vals;
    this.isSeq = isSeq;
  }

  /** The value at `arg`, or `undefined` outside the domain. */
  at(arg: Value): Value | undefined {
    if (this.isSeq) return typeof arg === 'number' ? this.vals[arg - 1] : undefined;
    if (typeof arg !== 'object' && this.dom.length <= 16) {
      for (let i = 0; i < this.dom.length; i++) if (this.dom[i] === arg) return this.vals[i];
      return undefined;
    }
    this.index ??= new Map(this.dom.map((d, i) => [keyOf(d), i]));
    const i = this.index.get(keyOf(arg));
    return i === undefined ? undefined : this.vals[i];
  }
}

/** An infinite set the evaluator can test membership in but never enumerate. */
export class TInfinite {
  /** Which set: Nat, Int, STRING, or Seq(elem). */
  readonly which: 'Nat' | 'Int' | 'STRING' | 'Seq';
  /** For Seq(S): S. */
  readonly elem: Value | undefined;
  /** Built by the evaluator for `Nat`, `Int`, `STRING` and `Seq(S)`. */
  constructor(which: TInfinite['which'], elem?: Value) {
    this.which = which;
    this.elem = elem;
  }
}

/** The canonical key of a value: equal values, and only they, have equal keys. */
export function keyOf(v: Value): string {
  switch (typeof v) {
    case 'boolean': return v ? 'T' : 'F';
    case 'number': return `n${v}`;
    case 'string': return JSON.stringify(v);
    default: break;
  }
  if (v instanceof TSet) {
    v.cachedKey ??= `{${v.elems.map(keyOf).join(',')}}`;
    return v.cachedKey;
  }
  if (v instanceof TFun) {
    v.cachedKey ??= `[${v.dom.map((d, i) => `${keyOf(d)}:${keyOf(v.vals[i] as Value)}`).join(',')}]`;
    return v.cachedKey;
  }
  return v.which === 'Seq' ? `Seq(${keyOf(v.elem as Value)})` : v.which;
}

function rank(v: Value): number {
  switch (typeof v) {
    case 'boolean': return 0;
    case 'number': return 1;
    case 'string': return 2;
    default: return v instanceof TSet ? 3 : v instanceof TFun ? 4 : 5;
  }
}

/** A total order on values: by kind, then numbers by value, strings by code units, the rest by key. */
export function compare(a: Value, b: Value): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Whether two values are equal. */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return keyOf(a) === keyOf(b);
}

/** The set of `elems`, sorted and without duplicates. */
export function setOf(elems: readonly Value[]): TSet {
  const sorted = elems.slice().sort(compare);
  const unique: Value[] = [];
  for (const e of sorted) if (unique.length === 0 || compare(unique[unique.length - 1] as Value, e) !== 0) unique.push(e);
  return new TSet(unique);
}

/** The sequence (tuple) `<<elems>>`. */
export function seqOf(elems: readonly Value[]): TFun {
  return new TFun(elems.map((_, i) => i + 1), elems, true);
}

/** The record `[k |-> v, …]`. */
export function recordOf(fields: Readonly<Record<string, Value>>): TFun {
  return funOf(Object.entries(fields));
}

/** The function mapping each pair's first value to its second (later pairs win). */
export function funOf(pairs: readonly (readonly [Value, Value])[]): TFun {
  const byKey = new Map<string, readonly [Value, Value]>();
  for (const pair of pairs) byKey.set(keyOf(pair[0]), pair);
  const sorted = [...byKey.values()].sort((x, y) => compare(x[0], y[0]));
  const dom = sorted.map((p) => p[0]);
  const isSeq = dom.every((d, i) => d === i + 1);
  return new TFun(dom, sorted.map((p) => p[1]), isSeq);
}

/** Whether `v` is a record: a function whose domain is strings. */
function isRecord(v: TFun): boolean {
  return v.dom.length > 0 && v.dom.every((d) => typeof d === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(d));
}

/** A value printed as TLA+ source (sequences as tuples, records as records, other functions with :> and @@). */
export function formatValue(v: Value): string {
  switch (typeof v) {
    case 'boolean': return v ? 'TRUE' : 'FALSE';
    case 'number': return String(v);
    case 'string': return JSON.stringify(v);
    default: break;
  }
  if (v instanceof TSet) return `{${v.elems.map(formatValue).join(', ')}}`;
  if (v instanceof TInfinite) return v.which === 'Seq' ? `Seq(${formatValue(v.elem as Value)})` : v.which;
  if (v.isSeq) return `<<${v.vals.map(formatValue).join(', ')}>>`;
  if (isRecord(v)) return `[${v.dom.map((d, i) => `${d as string} |-> ${formatValue(v.vals[i] as Value)}`).join(', ')}]`;
  return `(${v.dom.map((d, i) => `${formatValue(d)} :> ${formatValue(v.vals[i] as Value)}`).join(' @@ ')})`;
}
