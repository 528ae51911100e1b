/**
 * Shapes: small parsers that say what a YAML value must look like and turn it into the model's
 * value, with problems that name the key they are about (`args.premap`, `mode[1]`). The call
 * schema (`model/script/schema.ts`) is built from them.
 *
 * A {@link Shape} is invariant in its value type, and {@link FieldsOf} maps a type's keys to
 * required or optional {@link Field}s, so a schema written against a type fails to compile when
 * it misses a key, adds one, gets its optionality wrong or accepts other values than the type.
 *
 * @module
 */

/** One problem with a value: the dotted key path it is about and what is wrong. */
export interface FieldProblem {
  /** The key path, e.g. `handle`, `args.premap` or `mode[1]`. */
  readonly key: string;
  /** The whole message, naming the key. */
  readonly message: string;
}

/** A parsed value or the problems that kept it from parsing. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** What a value must look like, and how it becomes a `T`; invariant in `T`. */
export interface Shape<in out T> {
  /** What the value must be, as the words after "must be" (`a string`, `{ region, offset? }`). */
  readonly expected: string;
  /** Whether the value is of the kind this shape is about (a string, a map…), right or wrong. */
  claims(value: unknown): boolean;
  /** Parses a value found at `key`. */
  parse(value: unknown, key: string): Parsed<T>;
}

/** A key of a map shape: its shape and whether it may be left out. */
export interface Field<in out T, O extends boolean> {
  /** The shape of its value. */
  readonly shape: Shape<T>;
  /** Whether the key may be absent. */
  readonly optional: O;
}

/** The fields of a map type `C` (without `type`): every key, required or optional as in `C`. */
export type FieldsOf<C> = {
  readonly [K in Exclude<keyof C, 'type'>]-?: Field<Exclude<C[K], undefined>, {} extends Pick<C, K> ? true : false>;
};

/** The value type of a shape. */
export type ValueOf<S> = S extends Shape<infer T> ? T : never;

/** Any shape, whatever its value type. */
export type AnyShape = Shape<any>;

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value for a message: JSON, cut short. */
function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const join = (key: string, sub: string): string => (key === '' ? sub : `${key}.${sub}`);

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** The problem `"key" must be EXPECTED, got VALUE`. */
function wrong<T>(key: string, expected: string, value: unknown): Parsed<T> {
  return { ok: false, problems: [{ key, message: `"${key}" must be ${expected}, got ${show(value)}` }] };
}

/** A shape for values that pass a type guard. */
function guard<T>(expected: string, test: (value: unknown) => value is T): Shape<T> {
  return { expected, claims: test, parse: (value, key) => (test(value) ? ok(value) : wrong(key, expected, value)) };
}

/** Any string. */
export const str: Shape<string> = guard('a string', (v): v is string => typeof v === 'string');

/** An integer. */
export const int: Shape<number> = guard('an integer', (v): v is number => Number.isInteger(v));

/** `true` or `false`. */
export const bool: Shape<boolean> = guard('a boolean', (v): v is boolean => typeof v === 'boolean');

/** One of the given names; its value type is exactly their union. */
export function oneOf<const L extends readonly string[]>(names: L): Shape<L[number]> {
  const known = new Set<unknown>(names);
  return guard(`one of ${names.join(', ')}`, (v): v is L[number] => known.has(v));
}

/** The same shape, described by other words. */
export function named<T>(shape: Shape<T>, expected: string): Shape<T> {
  return { expected, claims: (v) => shape.claims(v), parse: (v, key) => (shape.claims(v) ? shape.parse(v, key) : wrong(key, expected, v)) };
}

/** A shape whose value is mapped by `f`, which returns `undefined` for a value it refuses. */
export function refine<T, U>(shape: Shape<T>, expected: string, f: (value: T) => U | undefined): Shape<U> {
  return {
    expected, claims: (v) => shape.claims(v),
    parse(value, key) {
      const r = shape.parse(value, key);
      if (!r.ok) return r;
      const out = f(r.value);
      return out === undefined ? wrong(key, expected, value) : ok(out);
    },
  };
}

/** `null`, or what `shape` accepts. */
export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return {
    expected: `${shape.expected} or null`, claims: (v) => v === null || shape.claims(v),
    parse: (value, key) => (value === null ? ok(null) : shape.claims(value) ? shape.parse(value, key) : wrong(key, `${shape.expected} or null`, value)),
  };
}

/** A list whose items all fit `item`. */
export function list<T>(item: Shape<T>): Shape<readonly T[]> {
  return {
    expected: `a list of ${item.expected}`, claims: Array.isArray,
    parse(value, key) {
      if (!Array.isArray(value)) return wrong(key, `a list of ${item.expected}`, value);
      const out: T[] = [];
      const problems: FieldProblem[] = [];
      value.forEach((v: unknown, i) => {
        const r = item.parse(v, `${key}[${i}]`);
        if (r.ok) out.push(r.value); else problems.push(...r.problems);
      });
      return problems.length > 0 ? { ok: false, problems } : ok(out);
    },
  };
}

/**
 * The first of `shapes` that takes the value. When none does and only one of them claims the
 * value, a problem inside it (`args.premap`, `mode[1]`) is reported as it is; otherwise the
 * problem lists every alternative.
 */
export function alt<const S extends readonly AnyShape[]>(...shapes: S): Shape<ValueOf<S[number]>> {
  const expected = shapes.map((s) => s.expected).join(' or ');
  return {
    expected, claims: (v) => shapes.some((s) => s.claims(v)),
    parse(value, key) {
      const claiming = shapes.filter((s) => s.claims(value));
      const tried = claiming.map((s) => s.parse(value, key) as Parsed<ValueOf<S[number]>>);
      const good = tried.find((r) => r.ok);
      if (good !== undefined) return good;
      const only = tried.length === 1 ? tried[0] : undefined;
      if (only !== undefined && !only.ok && only.problems.some((p) => p.key !== key)) return only;
      return wrong(key, expected, value);
    },
  };
}

/** A map with exactly the given keys: no unknown key, every required key present. */
export function record<T>(fields: FieldsOf<T>): Shape<T> {
  const table = fields as unknown as Readonly<Record<string, Field<unknown, boolean>>>;
  const names = Object.keys(table);
  const expected = `{ ${names.map((n) => (table[n]?.optional === true ? `${n}?` : n)).join(', ')} }`;
  return {
    expected, claims: isMap,
    parse(value, key) {
      if (!isMap(value)) return wrong(key, expected, value);
      const problems: FieldProblem[] = [];
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) {
        if (k in table) continue;
        const known = names.length === 0 ? 'it takes no keys' : `expected one of ${names.join(', ')}`;
        problems.push({ key: join(key, k), message: `unknown key "${join(key, k)}" (${known})` });
      }
      for (const [name, field] of Object.entries(table)) {
        if (!Object.hasOwn(value, name)) {
          if (!field.optional) problems.push({ key: join(key, name), message: `missing required key "${join(key, name)}"` });
          continue;
        }
        const r = field.shape.parse(value[name], join(key, name));
        if (r.ok) out[name] = r.value; else problems.push(...r.problems);
      }
      return problems.length > 0 ? { ok: false, problems } : ok(out as T);
    },
  };
}

/** A map that is one of several map shapes, chosen by the first of their tag keys it has. */
export function tagged<const S extends Readonly<Record<string, AnyShape>>>(branches: S): Shape<ValueOf<S[keyof S]>> {
  const expected = Object.values(branches).map((s) => s.expected).join(' or ');
  return {
    expected, claims: isMap,
    parse(value, key) {
      const tag = isMap(value) ? Object.keys(branches).find((t) => Object.hasOwn(value, t)) : undefined;
      const branch = tag === undefined ? undefined : branches[tag];
      return branch === undefined ? wrong(key, expected, value) : (branch.parse(value, key) as Parsed<ValueOf<S[keyof S]>>);
    },
  };
}

/** A required key. */
export const req = <T>(shape: Shape<T>): Field<T, false> => ({ shape, optional: false });

/** An optional key. */
export const opt = <T>(shape: Shape<T>): Field<T, true> => ({ shape, optional: true });
