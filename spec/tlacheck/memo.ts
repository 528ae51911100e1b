/**
 * Remembering operator values: a constant-level definition applied to the same arguments has the
 * same value under one set of constants; a definition about one state has the same value while
 * that state's successors are computed.
 *
 * @module
 */
import type { Def } from './ast.js';
import type { Ctx } from './context.js';
import { isStateLevel } from './levels.js';
import type { ModuleDef } from './module.js';
import { type Value, keyOf } from './values.js';

/** The most results of constant-level operators kept at once; the cache starts afresh beyond. */
const CACHE_LIMIT = 200_000;

/**
 * `run()`, the value of module definition `def` (in `file`; undefined for a LET definition)
 * applied to `args`, remembered where its level allows.
 */
export function remembered(ctx: Ctx, def: Def, file: string | undefined, args: readonly Value[], run: () => Value): Value {
  const level = (def as Partial<ModuleDef>).constantLevel;
  if (file !== undefined && level === false && isStateLevel(def.body, ctx.model.spec)) {
    return inState(ctx, `${def.name}(${args.map(keyOf).join(',')})`, run);
  }
  if (args.length === 0 || level !== true) return run();
  const cache = ctx.model.cache;
  const key = `${def.name}(${args.map(keyOf).join(',')})`;
  let value = cache.get(key);
  if (value === undefined) {
    value = run();
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** `run()`, remembered for the state `ctx` evaluates in (the two states evaluated last are kept). */
function inState(ctx: Ctx, key: string, run: () => Value): Value {
  const memos = ctx.model.stateMemos;
  let memo = memos.find((m) => m.state === ctx.state);
  if (memo === undefined) {
    memo = { state: ctx.state, values: new Map() };
    memos.unshift(memo);
    if (memos.length > 2) memos.pop();
  }
  const known = memo.values.get(key);
  if (known !== undefined && (known.covered || ctx.cov === undefined)) return known.value;
  const value = run();
  memo.values.set(key, { value, covered: ctx.cov !== undefined });
  return value;
}
