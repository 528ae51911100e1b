/**
 * Checks that need every chapter at once: duplicate chapter ids and numbers, duplicate
 * clause IDs across files, and profile ids that no profile defines.
 *
 * @module
 */
import type { Chapter, Problem, Profile } from './types.js';

/** The chapters that survive the cross-check, and what it found. */
export interface CrossChecked {
  /** The chapters, without duplicate chapters or duplicate clauses. */
  chapters: Chapter[];
  /** The duplicates and unknown profiles found. */
  problems: Problem[];
}

/**
 * Cross-checks the chapters (already in number order) against each other and against the
 * profiles. Chapters with a duplicate id and clauses with a duplicate ID are dropped from
 * the result, so that every ID the rest of the tooling sees is unique.
 */
export function crossCheck(chapters: readonly Chapter[], profiles: readonly Profile[]): CrossChecked {
  const problems: Problem[] = [];
  const chapterById = new Map<string, Chapter>();
  const chapterByNumber = new Map<number, Chapter>();
  const clauseFile = new Map<string, string>();
  const profileIds = new Set(profiles.map((profile) => profile.id));
  const kept: Chapter[] = [];
  const report = (file: string, line: number | undefined, message: string) => problems.push({ file, line, message });

  for (const chapter of chapters) {
    const sameId = chapterById.get(chapter.id);
    if (sameId) {
      report(chapter.file, undefined, `chapter id "${chapter.id}" is also used by ${sameId.file}`);
      continue;
    }
    chapterById.set(chapter.id, chapter);
    const sameNumber = chapterByNumber.get(chapter.number);
    if (sameNumber) {
      report(chapter.file, undefined, `chapter number ${chapter.number} is also used by ${sameNumber.file}`);
    }
    chapterByNumber.set(chapter.number, chapter);

    const clauses = chapter.clauses.filter((clause) => {
      const first = clauseFile.get(clause.id);
      if (first !== undefined) {
        report(clause.file, clause.line, `clause ID ${clause.id} is already defined in ${first}`);
        return false;
      }
      clauseFile.set(clause.id, clause.file);
      return true;
    });
    for (const clause of clauses) {
      for (const profile of clause.profiles ?? []) {
        if (!profileIds.has(profile)) {
          report(clause.file, clause.line, `clause ${clause.id} names unknown profile "${profile}"`);
        }
      }
    }
    kept.push({ ...chapter, clauses });
  }
  return { chapters: kept, problems };
}
