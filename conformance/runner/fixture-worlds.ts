/**
 * The model's worlds over the fixtures as cc builds them, for the tools that run the model on its
 * own (the explorer, the fuzzer's generator, judged coverage): the host's system libraries and a
 * 4 KiB page, one world per profile, built once.
 *
 * @module
 */
import type { ProfileId, World } from '../../model/world/world.js';
import { HOST_LIB_DIR } from '../loaders/host.js';
import { MODEL_LOADER_ID } from '../loaders/model.js';
import { systemLibraries } from '../loaders/system.js';
import { buildHarness, type Harness } from './harness.js';
import { WorldCache } from './worlds.js';

/** A world per profile over one built fixture set. */
export interface FixtureWorlds {
  /** The harness the fixtures came from. */
  readonly harness: Harness;
  /** The world of `profile`. */
  readonly world: (profile: ProfileId) => World;
}

/** Builds the cc fixtures (cached by content) and returns their worlds, or why they cannot be built. */
export async function fixtureWorlds(cacheRoot?: string): Promise<FixtureWorlds | { readonly problem: string }> {
  const harness = await buildHarness('cc', cacheRoot);
  if ('problem' in harness) return { problem: harness.problem };
  const system = systemLibraries(harness.fixtures, [HOST_LIB_DIR]);
  const worlds = new WorldCache();
  return {
    harness,
    world: (profile) => {
      const world = worlds.get(MODEL_LOADER_ID, profile, harness.fixtures, system, 4096);
      if ('error' in world) throw new Error(world.error);
      return world;
    },
  };
}
