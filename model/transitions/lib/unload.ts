/**
 * What becomes of the caller memory an object was placed in when the object is unloaded: a
 * premap mapping (dlmem.close.premap-mapping) or the range a moved object was relocated in
 * (noreloc.setbase.new-range-owner). The spec does not say whether the loader unmaps it, so each
 * such region gives two outcomes: kept, or removed by the loader.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Effect, Outcome, Outcomes } from '../../types/outcome.js';
import type { LoadedObject, ModelState } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { specified } from '../../outcome/build.js';
import { objectAt } from '../../state/objects.js';
import { withRegion } from '../../state/vars.js';
import type { Stepped } from '../../loader/lifecycle.js';
import { FIRM, type Route, along, qualify } from './result.js';

/** The clause that leaves a placement region's fate open, and the gap, in this profile. */
function fateClause(world: World, object: LoadedObject): { readonly cite: ClauseId; readonly gap: string } | undefined {
  const placement = object.placement;
  if (placement.kind === 'premap' && world.profile.has('dlmem.close.premap-mapping')) {
    return { cite: 'dlmem.close.premap-mapping', gap: `whether unloading object ${object.id} unmaps its premap mapping '${placement.region}' is not said` };
  }
  if (placement.kind === 'moved') {
    const cite: ClauseId = world.profile.has('noreloc.setbase.new-range-owner') ? 'noreloc.setbase.new-range-owner' : 'noreloc.dlrelocate.v1-base';
    return { cite, gap: `whether unloading moved object ${object.id} unmaps the range '${placement.region}' the caller mapped is not said` };
  }
  return undefined;
}

/** The region removed by the loader: unmapped, with the effect recorded. */
function removed(state: ModelState, region: string): { readonly state: ModelState; readonly effect: Effect } {
  const current = state.regions.get(region);
  const next = current === undefined ? state : withRegion(state, { ...current, mapped: false, copyOf: undefined });
  return { state: next, effect: { kind: 'region-unmapped', region } };
}

/**
 * A successful dlclose (returning 0) after `stepped`, reached along `route`: one outcome per
 * combination of fates of the placement regions of the objects it unloaded.
 */
export function closed(world: World, stepped: Stepped, route: Route): Outcomes {
  let branches: { state: ModelState; effects: readonly Effect[]; route: Route }[] = [{ state: stepped.state, effects: stepped.effects, route }];
  for (const effect of stepped.effects) {
    if (effect.kind !== 'unmapped') continue;
    const object = objectAt(stepped.state, effect.object);
    const fate = fateClause(world, object);
    if (fate === undefined || object.placement.kind === 'loader') continue;
    const region = object.placement.region;
    branches = branches.flatMap((b) => {
      const gone = removed(b.state, region);
      const open = along(b.route, 'unspecified', [fate.cite], fate.gap);
      return [{ ...b, route: open }, { state: gone.state, effects: [...b.effects, gone.effect], route: open }];
    });
  }
  return branches.map((b): Outcome =>
    qualify(specified(b.state, { kind: 'int', value: 0 }, ['base.dlclose.refcount'], { effects: b.effects }), b.route));
}

/** {@link closed} from the firm route with `cites` added. */
export function closedWith(world: World, stepped: Stepped, cites: readonly ClauseId[]): Outcomes {
  return closed(world, stepped, along(FIRM, 'specified', cites));
}
