/**
 * An object whose dlmem source the caller has since released: unmapped it, freed it, or wrote to
 * it while it was private. What the object then does rests on dlmem.source.release-after as well.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { LoadedObject, ModelState } from '../../types/state.js';
import type { World } from '../../world/world.js';

const SHARED = new Set(['file-shared', 'memfd-shared', 'anon-shared']);

/** ['dlmem.source.release-after'] when `object` came from a dlmem source released since, else []. */
export function releasedSourceCites(state: ModelState, world: World, object: LoadedObject): readonly ClauseId[] {
  if (object.via !== 'dlmem' || object.source === undefined || !world.profile.has('dlmem.source.release-after')) return [];
  const region = state.regions.get(object.source.region);
  const released = region === undefined || !region.mapped
    || (!SHARED.has(region.kind) && (region.writes ?? 0) > object.source.writes);
  return released ? ['dlmem.source.release-after'] : [];
}
