/**
 * Building the C side once per compiler a run needs: the driver and the fixture set.
 *
 * @module
 */
import { buildDriver, buildFixtures, type BuildFailure, type CompilerName, type FixtureSet } from '../build/index.js';

/** A driver and its fixtures, built with one compiler. */
export interface Harness {
  /** The compiler. */
  readonly compiler: CompilerName;
  /** The driver executable. */
  readonly driver: string;
  /** The fixture set. */
  readonly fixtures: FixtureSet;
}

function failure(what: string, cc: CompilerName, f: BuildFailure): string {
  const first = f.errors[0];
  const more = f.errors.length > 1 ? ` (and ${f.errors.length - 1} more)` : '';
  return `building the ${what} with ${cc} failed: ${first?.source ?? '?'}: ${(first?.output ?? '').trim().split('\n').slice(0, 5).join(' | ')}${more}`;
}

/** Builds (or takes from the cache) the driver and fixtures for `cc`. */
export async function buildHarness(cc: CompilerName, cacheRoot?: string): Promise<Harness | { readonly problem: string }> {
  const options = cacheRoot === undefined ? { cc } : { cc, cacheRoot };
  const [driver, fixtures] = await Promise.all([buildDriver(options), buildFixtures(options)]);
  if (!driver.ok) return { problem: failure('driver', cc, driver) };
  if (!fixtures.ok) return { problem: failure('fixtures', cc, fixtures) };
  return { compiler: cc, driver: driver.path, fixtures };
}
