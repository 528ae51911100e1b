/**
 * Finding the loaders a run can test: the host's glibc (always, with cc), musl (when musl-gcc
 * built a fixture set), and every glibc build directory given with `--libc`. A loader that cannot
 * be set up is a problem value naming the path, and discovery goes on with the others.
 *
 * @module
 */
import { hostLoaders, muslLoaders } from './host.js';
import { libcDirId, libcDirIds, libcDirLoader } from './libc-dir.js';
import type { FindLoadersOptions, FoundLoaders, Loader, LoaderProblem } from './types.js';

/** Every loader the options make available, in a stable order, and the problems met. */
export async function findLoaders(options: FindLoadersOptions): Promise<FoundLoaders> {
  const loaders: Loader[] = [];
  const problems: LoaderProblem[] = [];
  const add = (found: Loader | Loader[] | LoaderProblem): void => {
    if (Array.isArray(found)) loaders.push(...found);
    else if ('command' in found) loaders.push(found);
    else problems.push(found);
  };
  const cc = options.fixtures.cc;
  const musl = options.fixtures['musl-gcc'];
  if (cc !== undefined) add(await hostLoaders(cc, options.hostLibDir));
  if (musl !== undefined) add(await muslLoaders(musl, options.muslLibcPaths));
  const dirs = options.libcDirs ?? [];
  const ids = libcDirIds(dirs);
  for (const [i, dir] of dirs.entries()) {
    const id = ids[i] ?? libcDirId(dir);
    if (cc === undefined) problems.push({ id, message: `--libc ${dir}: no fixtures were built with cc`, requested: true });
    else add(await libcDirLoader(dir, cc, id));
  }
  return { loaders, problems };
}
