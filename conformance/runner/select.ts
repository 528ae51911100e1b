/**
 * Which loaders a run tests: `--loader` values are ids or globs (`glibc:*`); none means the model
 * and every loader found. Selection is decided before anything is built, so that a run that
 * needs no musl loader does not build with musl-gcc.
 *
 * @module
 */
import { globToRegExp } from '../case-file/discover.js';
import type { CompilerName } from '../build/index.js';
import { MODEL_LOADER_ID } from '../loaders/model.js';

/** The ids of the loaders that need no `--libc`, each with its compiler. */
export const KNOWN_LOADERS: Readonly<Record<string, CompilerName>> = {
  'host-glibc': 'cc', 'host-glibc+memfd': 'cc', musl: 'musl-gcc', 'musl+memfd': 'musl-gcc',
};

/** A loader selection. */
export interface Selection {
  /** Whether loader `id` is selected. */
  readonly wants: (id: string) => boolean;
  /** The selectors that match none of `ids`. */
  readonly unmatched: (ids: readonly string[]) => readonly string[];
}

/** The selection `selectors` makes (every loader when there is none). */
export function selection(selectors: readonly string[] = []): Selection {
  const patterns = selectors.map((s) => ({ s, re: globToRegExp(s) }));
  return {
    wants: (id) => patterns.length === 0 || patterns.some((p) => p.re.test(id)),
    unmatched: (ids) => patterns.filter((p) => !ids.some((id) => p.re.test(id))).map((p) => p.s),
  };
}

/** The compilers a run needs for the selected loaders (the model needs cc's fixtures when there are cases). */
export function neededCompilers(sel: Selection, libcIds: readonly string[], hasCases: boolean): readonly CompilerName[] {
  const needed = new Set<CompilerName>();
  for (const [id, cc] of Object.entries(KNOWN_LOADERS)) if (sel.wants(id)) needed.add(cc);
  if (libcIds.some(sel.wants) || (hasCases && sel.wants(MODEL_LOADER_ID))) needed.add('cc');
  return [...needed].sort();
}
