/**
 * The operators of the standard modules the evaluator provides (Naturals, Integers, FiniteSets,
 * Sequences), each available only where its module is extended.
 *
 * @module
 */
import { TlaError } from './errors.js';
import { asInt, asSeq, elementsOf } from './value-ops.js';
import { TInfinite, TSet, type Value, seqOf } from './values.js';

type Builtin = (args: readonly Value[], line: number) => Value;

const SEQUENCES: Readonly<Record<string, Builtin>> = {
  Len: ([s], line) => asSeq(s as Value, 'Len\'s argument', line).vals.length,
  Append: ([s, e], line) => seqOf([...asSeq(s as Value, 'Append\'s sequence', line).vals, e as Value]),
  Head: ([s], line) => {
    const seq = asSeq(s as Value, 'Head\'s argument', line);
    if (seq.vals.length === 0) throw new TlaError('Head of the empty sequence', line);
    return seq.vals[0] as Value;
  },
  Tail: ([s], line) => {
    const seq = asSeq(s as Value, 'Tail\'s argument', line);
    if (seq.vals.length === 0) throw new TlaError('Tail of the empty sequence', line);
    return seqOf(seq.vals.slice(1));
  },
  SubSeq: ([s, m, n], line) => {
    const seq = asSeq(s as Value, 'SubSeq\'s sequence', line);
    const from = asInt(m as Value, 'SubSeq\'s start', line);
    const to = asInt(n as Value, 'SubSeq\'s end', line);
    if (from > to) return seqOf([]);
    if (from < 1 || to > seq.vals.length) throw new TlaError(`SubSeq(s, ${from}, ${to}) of a sequence of length ${seq.vals.length}`, line);
    return seqOf(seq.vals.slice(from - 1, to));
  },
  Seq: ([s]) => new TInfinite('Seq', s as Value),
};

const FINITE_SETS: Readonly<Record<string, Builtin>> = {
  Cardinality: ([s], line) => elementsOf(s as Value, 'Cardinality\'s argument', line).length,
  IsFiniteSet: ([s]) => s instanceof TSet,
};

const BY_MODULE: readonly (readonly [string, Readonly<Record<string, Builtin>>])[] = [
  ['Sequences', SEQUENCES], ['FiniteSets', FINITE_SETS],
];

const ARITY: Readonly<Record<string, number>> = { Len: 1, Append: 2, Head: 1, Tail: 1, SubSeq: 3, Seq: 1, Cardinality: 1, IsFiniteSet: 1 };

/** Whether the arithmetic and Nat of Naturals (or Integers) are in scope. */
export function hasArithmetic(standard: ReadonlySet<string>): boolean {
  return standard.has('Naturals') || standard.has('Integers');
}

/**
 * The value of standard operator `name` applied to `args`, or `undefined` when no extended
 * standard module defines `name`.
 */
export function applyBuiltin(name: string, args: readonly Value[], standard: ReadonlySet<string>, line: number): Value | undefined {
  for (const [module, ops] of BY_MODULE) {
    const op = Object.hasOwn(ops, name) ? ops[name] : undefined;
    if (op === undefined || !standard.has(module)) continue;
    if (args.length !== ARITY[name]) throw new TlaError(`${name} takes ${ARITY[name]} argument(s), got ${args.length}`, line);
    return op(args, line);
  }
  return undefined;
}
