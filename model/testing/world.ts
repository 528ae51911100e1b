/**
 * Test helpers: the sample world under the names the unit tests use.
 *
 * @module
 */
import type { ProfileId, World } from '../world/world.js';
import { SAMPLE_IMAGES, type SampleImage, sampleWorld } from '../world/sample.js';

/** The sample fixtures (glreflib1-like `plain`, ctorlib1-like `ctor`, …). */
export const STANDARD_IMAGES: readonly SampleImage[] = SAMPLE_IMAGES;

/** A world for `profile` over the given images (default: the sample images). */
export function testWorld(profile: ProfileId, images: readonly SampleImage[] = SAMPLE_IMAGES): World {
  return sampleWorld(profile, images);
}

export type { SampleImage as TestImage };
