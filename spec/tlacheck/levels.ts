/**
 * Which expressions are plain predicates or values about one state: no prime, no UNCHANGED, no
 * use of an action. The evaluator evaluates those as values inside actions, and may reuse their
 * value while the state stays the same.
 *
 * @module
 */
import { type Expr, children, hasPrime } from './ast.js';
import { isAction } from './coverage.js';
import type { TlaSpec } from './module.js';

/** Each expression's level, once computed (an expression belongs to one spec). */
const known = new WeakMap<Expr, boolean>();
let lastExpr: Expr | undefined;
let lastLevel = false;

/** Whether `e` mentions no prime, no UNCHANGED and no module definition that is an action. */
export function isStateLevel(e: Expr, spec: TlaSpec): boolean {
  if (e === lastExpr) return lastLevel;
  let level = known.get(e);
  if (level === undefined) {
    const refersToAction = (x: Expr): boolean =>
      ((x.k === 'name' || x.k === 'apply') && spec.defs.has(x.name) && isAction(spec, x.name)) || children(x).some(refersToAction);
    level = !hasPrime(e) && !refersToAction(e);
    known.set(e, level);
  }
  lastExpr = e;
  lastLevel = level;
  return level;
}
