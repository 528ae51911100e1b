/**
 * Invariants checked after every transition. Each holds for every outcome the model allows, in
 * every profile; a violation is a model bug, reported as a value naming the invariant.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import { ownedRegions } from '../state/objects.js';

/** One invariant: what it protects and how to check it. */
export interface Invariant {
  /** A short stable name. */
  readonly id: string;
  /** The clauses it encodes. */
  readonly clauses: readonly ClauseId[];
  /** A message when the invariant is broken by `outcome` of `call` from `prev`, else undefined. */
  readonly check: (prev: ModelState, call: Call, outcome: Outcome, world: World) => string | undefined;
}

const LOADER_CALLS: ReadonlySet<string> = new Set([
  'dlopen', 'dlmopen', 'dlmem', 'dlsym', 'dladdr', 'dlinfo', 'dlrelocate', 'dlset-object-base', 'dlclose', 'dlerror',
]);

function ctorCounts(state: ModelState): Map<number, number> {
  const counts = new Map<number, number>();
  for (const e of state.events) if (e.kind === 'ctor') counts.set(e.object, (counts.get(e.object) ?? 0) + 1);
  return counts;
}

/** Every invariant of the model. */
export const INVARIANTS: readonly Invariant[] = [
  {
    id: 'source-untouched',
    clauses: ['dlmem.source.protections-unchanged', 'dlmem.source.bytes-unchanged'],
    check: (prev, call, outcome) => {
      if (!LOADER_CALLS.has(call.type) || outcome.firmness === 'undefined') return undefined;
      // A premap mapping or a moved object's range is the object's, not a source: whether unloading
      // removes it is dlmem.close.premap-mapping's and noreloc.setbase.new-range-owner's question.
      const owned = ownedRegions(prev);
      for (const [id, before] of prev.regions) {
        const after = outcome.next.regions.get(id);
        if (after === undefined || before.kind === 'premap' || owned.has(id)) continue;
        if (JSON.stringify(after.prot) !== JSON.stringify(before.prot) || after.content !== before.content || after.mapped !== before.mapped) {
          return `${call.type} changed caller region ${id}`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'ctors-at-most-once',
    clauses: ['noreloc.trigger.once', 'dlmem.deps.ctors-order', 'base.dlopen.dedup'],
    check: (_prev, _call, outcome) => {
      for (const [object, n] of ctorCounts(outcome.next)) if (n > 1) return `constructor of object ${object} ran ${n} times`;
      return undefined;
    },
  },
  {
    id: 'ctors-after-relocation',
    clauses: ['noreloc.defer.ctors', 'base.dlopen.ctors-before-return'],
    check: (_prev, _call, outcome) => {
      for (const [object] of ctorCounts(outcome.next)) {
        const status = outcome.next.objects[object]?.status;
        if (status !== 'relocated' && status !== 'closed') return `object ${object} ran its constructor while ${status}`;
      }
      return undefined;
    },
  },
  {
    id: 'relocated-once',
    clauses: ['noreloc.trigger.once'],
    check: (prev, _call, outcome) => {
      const seen = new Set<number>();
      for (const e of outcome.effects) {
        if (e.kind !== 'relocated') continue;
        if (seen.has(e.object)) return `object ${e.object} relocated twice in one call`;
        seen.add(e.object);
        const before = prev.objects[e.object]?.status;
        if (before === 'relocated') return `object ${e.object} relocated again`;
      }
      return undefined;
    },
  },
  {
    id: 'closed-holds-nothing',
    clauses: ['base.dlclose.refcount', 'dlmem.close.refcount'],
    check: (_prev, _call, outcome) => {
      for (const o of outcome.next.objects) {
        if (o.status === 'closed' && o.refs !== 0) return `closed object ${o.id} still has ${o.refs} references`;
        if (o.status !== 'closed') {
          const dead = o.deps.find((d) => outcome.next.objects[d]?.status === 'closed');
          if (dead !== undefined) return `live object ${o.id} depends on closed object ${dead}`;
        }
      }
      return undefined;
    },
  },
  {
    id: 'dtor-after-ctor',
    clauses: ['base.dlclose.refcount', 'noreloc.close.after-failure'],
    check: (_prev, _call, outcome) => {
      const ran = new Set<number>();
      for (const e of outcome.next.events) {
        if (e.kind === 'ctor') ran.add(e.object);
        else if (!ran.has(e.object)) return `destructor of object ${e.object} ran without its constructor`;
      }
      return undefined;
    },
  },
  {
    id: 'outcome-cites',
    clauses: ['base.dlerror.error-class'],
    check: (_prev, _call, outcome, world) => {
      if (outcome.cites.length === 0) return 'outcome cites no clause';
      const foreign = outcome.cites.find((c) => !world.profile.has(c));
      if (foreign !== undefined) return `outcome cites ${foreign}, not in force in ${world.profile.id}`;
      if ((outcome.firmness === 'unspecified' || outcome.firmness === 'undefined') && !outcome.gap) {
        return `${outcome.firmness} outcome without a gap`;
      }
      return undefined;
    },
  },
  {
    id: 'failure-sets-dlerror',
    clauses: ['base.dlerror.once'],
    check: (_prev, _call, outcome) =>
      outcome.error.kind === 'error' && outcome.next.dlerror === null ? 'a failure left no dlerror() message' : undefined,
  },
];

/** Every broken invariant for one outcome, as messages prefixed with the invariant's id. */
export function checkInvariants(prev: ModelState, call: Call, outcome: Outcome, world: World): readonly string[] {
  const broken: string[] = [];
  for (const inv of INVARIANTS) {
    const message = inv.check(prev, call, outcome, world);
    if (message !== undefined) broken.push(`${inv.id}: ${message}`);
  }
  return broken;
}
