/**
 * The model names the mapping a premap callback returns `premap:<object id>`; the driver binds it
 * as `AS.premap` (or `premap.N` for a dlmem step N without `as`). A case refers to the model's
 * name (`read-data: { via: "premap:1" }`), so lowering renames it. Which dlmem step made object
 * `<id>` is read off the model's own exploration of the case: the step whose outcomes carry a
 * `premap-call` effect for that object.
 *
 * @module
 */
import { explore } from '../../model/script/explore.js';
import { initialState } from '../../model/state/initial.js';
import type { Call } from '../../model/types/calls.js';
import type { World } from '../../model/world/world.js';

/** The region names a call refers to (not the ones it binds). */
export function regionRefs(call: Call): readonly string[] {
  switch (call.type) {
    case 'copy-in': case 'mprotect': case 'memmove': case 'munmap': return [call.region];
    case 'copy-object': return [call.to];
    case 'dlmem': return call.buffer === null ? [] : [call.buffer.region];
    case 'dladdr': return 'region' in call.address ? [call.address.region] : [];
    case 'dlset-object-base': return call.base === null ? [] : [call.base.region];
    case 'dlrelocate': return call.base === undefined ? [] : [call.base];
    case 'read-data': return call.via === undefined ? [] : [call.via];
    default: return [];
  }
}

/** The driver's name for the premap mapping of dlmem step `stepNo` (1-based). */
export function driverPremapSlot(call: Extract<Call, { type: 'dlmem' }>, stepNo: number): string {
  return call.as === undefined ? `premap.${stepNo}` : `${call.as}.premap`;
}

/**
 * Maps every `premap:<id>` the steps refer to onto the driver's slot name. Returns an empty map
 * when no step refers to one (the model is not run then); an id no step can be tied to is left
 * out, and the lowering reports it.
 */
export function premapSlots(steps: readonly Call[], world: World): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (!steps.some((c) => regionRefs(c).some((r) => r.startsWith('premap:')))) return out;
  let explored: ReturnType<typeof explore>;
  try {
    explored = explore(world, initialState(), steps);
  } catch {
    return out; // a script error: the references stay unresolved and the lowering says so
  }
  explored.forEach((s, i) => {
    const call = steps[i];
    if (call?.type !== 'dlmem' || call.args?.premap === undefined) return;
    for (const o of s.outcomes) {
      for (const e of o.effects) {
        if (e.kind === 'premap-call' && !out.has(`premap:${e.object}`)) out.set(`premap:${e.object}`, driverPremapSlot(call, i + 1));
      }
    }
  });
  return out;
}
