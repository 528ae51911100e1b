/**
 * Validating one chapter file, `spec/clauses/NN-slug.yaml`, and turning it into a
 * {@link Chapter}.
 *
 * @module
 */
import { basename } from 'node:path';
import { parseClause } from './clause-entry.js';
import { PROPOSALS, type Chapter, type Clause, type Problem } from './types.js';
import { isRecord, isText, parseYamlFile, unknownKeys } from './yaml-file.js';

/** The keys a chapter file may have at its top level. */
export const CHAPTER_KEYS = ['id', 'title', 'proposal', 'intro', 'clauses'] as const;

/** A chapter file's chapter (when its header is usable) and its problems. */
export interface ParsedChapter {
  /** The chapter, unless the file name or header is unusable. */
  chapter?: Chapter;
  /** Everything wrong in the file. */
  problems: Problem[];
}

const FILE_NAME = /^([0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/;

/**
 * Parses and validates the chapter file `file` (relative to the repository root) whose
 * contents are `text`. The chapter comes back when its header is usable.
 */
export function parseChapterFile(file: string, text: string): ParsedChapter {
  const nameMatch = FILE_NAME.exec(basename(file));
  if (!nameMatch) {
    return { problems: [{ file, message: 'chapter file names must look like NN-slug.yaml (e.g. 02-dlmem.yaml)' }] };
  }
  const { yaml, problems } = parseYamlFile(file, text);
  if (yaml === undefined) return { problems };
  const raw = yaml.value;
  if (!isRecord(raw)) return { problems: [{ file, message: 'a chapter file must be a mapping' }] };
  const report = (message: string, key?: string) =>
    problems.push({ file, line: key === undefined ? undefined : yaml.lineOf([key]), message });

  for (const key of unknownKeys(raw, CHAPTER_KEYS)) report(`unknown top-level key "${key}"`, key);
  const slug = nameMatch[2] ?? '';
  if (raw.id !== slug) report(`chapter id ${JSON.stringify(raw.id)} must equal the file name's slug "${slug}"`, 'id');
  if (!isText(raw.title)) report('chapter has no "title"', 'title');
  const proposal = PROPOSALS.find((known) => known === raw.proposal);
  if (proposal === undefined) {
    report(`proposal ${JSON.stringify(raw.proposal)} is not one of ${PROPOSALS.join(', ')}`, 'proposal');
  }
  if (raw.intro !== undefined && !isText(raw.intro)) report('"intro" must be non-empty text', 'intro');
  if (!Array.isArray(raw.clauses)) report('"clauses" must be a list', 'clauses');
  if (proposal === undefined || !isText(raw.title)) return { problems };

  const clauses: Clause[] = [];
  const entries: unknown[] = Array.isArray(raw.clauses) ? raw.clauses : [];
  entries.forEach((entry, index) => {
    const parsed = parseClause(entry, { file, chapter: slug, proposal, index, yaml });
    problems.push(...parsed.problems);
    if (parsed.clause) clauses.push(parsed.clause);
  });
  const chapter: Chapter = { id: slug, number: Number(nameMatch[1]), title: raw.title.trim(), proposal, clauses, file };
  if (isText(raw.intro)) chapter.intro = raw.intro.trim();
  return { chapter, problems };
}
