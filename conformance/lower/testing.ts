/**
 * Test support for the lowering tests: the cc fixture set, its world, and helpers that parse
 * steps and lower them.
 *
 * @module
 */
import { extentOf } from '../../model/layout/index.js';
import { parseSteps } from '../../model/script/parse.js';
import type { Call } from '../../model/types/calls.js';
import type { World } from '../../model/world/world.js';
import { buildFixtures, type BuiltFixture, type FixtureSet } from '../build/index.js';
import { worldFromFixtures } from '../world.js';
import { lowerCase, type LoweredCase, type LowerError } from './lower.js';

/** The fixtures and world the helpers use, once {@link setUpLowering} has run. */
export const env: { set: FixtureSet; world: World } = { set: undefined as unknown as FixtureSet, world: undefined as unknown as World };

/** Builds the cc fixtures (cached) and their world; call it in `beforeAll`. */
export async function setUpLowering(): Promise<void> {
  const built = await buildFixtures({ cc: 'cc' });
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  env.set = built;
  env.world = worldFromFixtures(built, 'dlmem-branch', { names: new Set(['libc.so.6']), paths: [] });
}

/** The built fixture called `name`. */
export function fx(name: string): BuiltFixture {
  const f = env.set.fixtures.find((x) => x.name === name);
  if (f === undefined) throw new Error(name);
  return f;
}

/** The loaded extent of a fixture, as the model measures it. */
export function extent(name: string, pageSize: number): number {
  const elf = env.world.images.get(name)?.elf;
  if (elf?.ok !== true) throw new Error(name);
  return extentOf(elf.elf, pageSize).length;
}

/** Parses script steps given as YAML data. */
export function steps(yaml: readonly unknown[]): readonly Call[] {
  const parsed = parseSteps(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.calls;
}

/** Lowers steps with a 4096-byte page. */
export function lower(yaml: readonly unknown[], pageSize = 4096): LoweredCase | LowerError {
  return lowerCase({ id: 't/case', steps: steps(yaml) }, env.set, env.world, pageSize);
}

/** The step lines of a lowering that must succeed. */
export function lines(yaml: readonly unknown[]): string[] {
  const r = lower(yaml);
  if ('error' in r) throw new Error(r.error);
  return r.text.trimEnd().split('\n').slice(1);
}
