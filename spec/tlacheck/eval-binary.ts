/**
 * The infix operators: equality, arithmetic and comparison (Naturals), set operators, sequence
 * concatenation (Sequences), implication and equivalence.
 *
 * @module
 */
import type { Expr, ExprOf } from './ast.js';
import { hasArithmetic } from './builtins.js';
import type { Ctx } from './context.js';
import { TlaError } from './errors.js';
import { asBool, asInt, asSeq, elementsOf, isMember, range } from './value-ops.js';
import { type Value, equals, seqOf, setOf } from './values.js';

const ARITHMETIC = new Set(['<', '>', '<=', '>=', '+', '-', '*', '\\div', '%', '..']);

/** The value of a binary operator node; `evaluate` evaluates its operands. */
export function evalBinary(e: ExprOf<'bin'>, ctx: Ctx, evaluate: (e: Expr, ctx: Ctx) => Value): Value {
  const { op, line } = e;
  if (op === '=>') return !asBool(evaluate(e.l, ctx), 'the left of =>', line) || asBool(evaluate(e.r, ctx), 'the right of =>', line);
  const l = evaluate(e.l, ctx);
  const r = evaluate(e.r, ctx);
  if (ARITHMETIC.has(op)) {
    if (!hasArithmetic(ctx.model.spec.standard)) throw new TlaError(`${op} needs EXTENDS Naturals`, line);
    return arithmetic(op, asInt(l, `the left of ${op}`, line), asInt(r, `the right of ${op}`, line), line);
  }
  switch (op) {
    case '=': return equals(l, r);
    case '#': return !equals(l, r);
    case '<=>': return asBool(l, 'the left of <=>', line) === asBool(r, 'the right of <=>', line);
    case '\\in': return isMember(l, r, line);
    case '\\notin': return !isMember(l, r, line);
    case '\\cup': return setOf([...elementsOf(l, 'the left of \\cup', line), ...elementsOf(r, 'the right of \\cup', line)]);
    case '\\cap': return setOf(elementsOf(l, 'the left of \\cap', line).filter((x) => isMember(x, r, line)));
    case '\\': return setOf(elementsOf(l, 'the left of \\', line).filter((x) => !isMember(x, r, line)));
    case '\\subseteq': return elementsOf(l, 'the left of \\subseteq', line).every((x) => isMember(x, r, line));
    case '\\o': {
      if (!ctx.model.spec.standard.has('Sequences')) throw new TlaError('\\o needs EXTENDS Sequences', line);
      return seqOf([...asSeq(l, 'the left of \\o', line).vals, ...asSeq(r, 'the right of \\o', line).vals]);
    }
    default: throw new TlaError(`the operator ${op} is not supported`, line);
  }
}

function arithmetic(op: string, a: number, b: number, line: number): Value {
  const checked = (v: number): number => {
    if (!Number.isSafeInteger(v)) throw new TlaError(`${a} ${op} ${b} overflows the integers the evaluator handles`, line);
    return v;
  };
  switch (op) {
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '>=': return a >= b;
    case '+': return checked(a + b);
    case '-': return checked(a - b);
    case '*': return checked(a * b);
    case '..': return range(a, b, line);
    default: break;
  }
  if (b <= 0) throw new TlaError(`${op} by ${b}: TLA+ defines \\div and % for a positive divisor only`, line);
  return op === '%' ? ((a % b) + b) % b : Math.floor(a / b);
}
