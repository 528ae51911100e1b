/**
 * Mutant loaders: a loader under test whose driver loads the mutant library (DLSPEC_MUTANT_LIB)
 * with DLSPEC_MUTANT naming the departure. A mutant loader is a real process like its base loader, run by the same driver
 * on the same fixtures; only the table of dl* functions the driver calls differs.
 *
 * @module
 */
import type { CompilerName } from '../build/compiler.js';
import type { Loader } from '../loaders/types.js';
import type { ActiveLoader } from '../runner/setup.js';
import { buildMutantLibrary } from './build.js';
import { canMutate, mutantLoaderId, type Mutant } from './catalogue.js';

/** `mutant` made of `base`, its driver loading `library`. */
export function mutantLoader(base: Loader, mutant: Mutant, library: string): Loader {
  return {
    id: mutantLoaderId(base.id, mutant),
    description: `${base.description}; mutant ${mutant.id}: ${mutant.does} (departs from ${mutant.clause})`,
    compiler: base.compiler,
    systemLibraries: base.systemLibraries,
    identity: base.identity,
    command(driverPath, driverArgs) {
      const command = base.command(driverPath, driverArgs);
      return { ...command, env: { ...command.env, DLSPEC_MUTANT_LIB: library, DLSPEC_MUTANT: mutant.id } };
    },
  };
}

/**
 * The `extend` hook of a mutation run: every base loader, then each of `mutants` made of each base
 * it can be made of (catalogue.ts canMutate), with the mutant library built for the base's compiler.
 */
export function withMutants(mutants: readonly Mutant[], cacheRoot?: string) {
  return async (active: readonly ActiveLoader[]): Promise<{ active: readonly ActiveLoader[]; problems: readonly string[] }> => {
    const problems: string[] = [];
    const libraries = new Map<CompilerName, string>();
    for (const cc of new Set(active.map((a) => a.loader.compiler))) {
      const built = await buildMutantLibrary(cc, cacheRoot);
      if (built.ok) libraries.set(cc, built.path);
      else problems.push(`building the mutant library with ${cc} failed: ${built.errors[0]?.output.trim().split('\n')[0] ?? '?'}`);
    }
    const made = active.flatMap((one) => {
      const { loader, hello } = one;
      const library = libraries.get(loader.compiler);
      if (library === undefined) return [];
      return mutants.filter((m) => canMutate(m, hello)).map((m) => ({ ...one, loader: mutantLoader(loader, m, library) }));
    });
    return { active: [...active, ...made], problems };
  };
}
