/**
 * The model's worlds of a run, one per loader and profile, built once: the fixture facts as built
 * for the loader, its system libraries, and its page size.
 *
 * @module
 */
import type { ProfileId, World } from '../../model/world/world.js';
import type { FixtureSet } from '../build/index.js';
import { type SystemLibraries, worldFromFixtures } from '../world.js';

/** Builds worlds on demand and keeps them. */
export class WorldCache {
  private readonly worlds = new Map<string, World | { readonly error: string }>();

  /** The world of `profile` for loader `loaderId` (or why it cannot be built). */
  get(loaderId: string, profile: ProfileId, fixtures: FixtureSet, system: SystemLibraries, pageSize: number): World | { readonly error: string } {
    const key = `${loaderId}\u0000${profile}`;
    let world = this.worlds.get(key);
    if (world === undefined) {
      try {
        world = worldFromFixtures(fixtures, profile, system, pageSize);
      } catch (e) {
        world = { error: `cannot build the model's world for ${loaderId} in ${profile}: ${e instanceof Error ? e.message : String(e)}` };
      }
      this.worlds.set(key, world);
    }
    return world;
  }
}
