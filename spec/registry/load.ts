/**
 * Loading the registry from a repository: every chapter file and the profiles file,
 * validated each on its own and then against each other.
 *
 * @module
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseChapterFile } from './chapter-file.js';
import { crossCheck } from './cross-check.js';
import { CLAUSES_DIR, PROFILES_FILE } from './paths.js';
import { parseProfilesFile } from './profiles-file.js';
import { readThreadIndex } from './thread-index.js';
import type { Chapter, Problem, Registry } from './types.js';

/** A registry together with every problem found while loading it. */
export interface LoadedRegistry {
  /** What could be read; entries with fatal problems are left out. */
  registry: Registry;
  /** Everything wrong, file by file. */
  problems: Problem[];
}

/** Loads and validates the registry of the repository at `root`. */
export function loadRegistry(root: string): LoadedRegistry {
  const problems: Problem[] = [];
  let profiles: Registry['profiles'] = [];
  if (existsSync(join(root, PROFILES_FILE))) {
    const parsed = parseProfilesFile(PROFILES_FILE, readFileSync(join(root, PROFILES_FILE), 'utf8'));
    profiles = parsed.profiles;
    problems.push(...parsed.problems);
  } else {
    problems.push({ file: PROFILES_FILE, message: 'the profiles file is missing' });
  }

  const chapters: Chapter[] = [];
  const names = chapterFileNames(root);
  if (names.length === 0) problems.push({ file: CLAUSES_DIR, message: 'no chapter files (NN-slug.yaml) found' });
  for (const name of names) {
    const file = `${CLAUSES_DIR}/${name}`;
    const parsed = parseChapterFile(file, readFileSync(join(root, file), 'utf8'));
    problems.push(...parsed.problems);
    if (parsed.chapter) chapters.push(parsed.chapter);
  }
  chapters.sort((a, b) => a.number - b.number);
  const checked = crossCheck(chapters, profiles);
  problems.push(...checked.problems);
  const index = readThreadIndex(root);
  problems.push(...index.problems);
  return { registry: { chapters: checked.chapters, profiles, messages: index.messages }, problems };
}

/** The `.yaml` files of the clauses directory, sorted by name. */
function chapterFileNames(root: string): string[] {
  const dir = join(root, CLAUSES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
}
