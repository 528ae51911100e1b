/**
 * Finding clause-ID citations in text: tokens shaped like `area.topic.rule` whose area is
 * known, leaving out file names such as `dlmem.test.ts`.
 *
 * @module
 */
import { AREAS } from '../../registry/clause-id.js';

/** One occurrence of a clause ID in a file. */
export interface Citation {
  /** The cited ID. */
  id: string;
  /** The file, relative to the repository root. */
  file: string;
  /** 1-based line. */
  line: number;
}

const SEGMENT = '[a-z0-9]+(?:-[a-z0-9]+)*';
// Not preceded by a word character, dot or hyphen; not followed by one either, nor by `.x`
// (a longer dotted name) or `(` (a method call such as `base.clauses.map(`).
const CITATION = new RegExp(
  `(?<![\\w.-])(?:${AREAS.join('|')})\\.${SEGMENT}\\.${SEGMENT}(?![\\w-]|\\.[a-z0-9]|\\()`,
  'g',
);

/** Last segments that make a token a file name rather than a clause ID. */
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set(
  ['ts', 'js', 'mjs', 'c', 'h', 'md', 'yaml', 'yml', 'json', 'tla', 'cfg', 'txt', 'so', 'html', 'xml'],
);

/** Every clause-ID citation in `text`, the contents of `file`. */
export function citationsIn(file: string, text: string): Citation[] {
  const found: Citation[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const match of lineText.matchAll(CITATION)) {
      const id = match[0];
      if (FILE_EXTENSIONS.has(id.slice(id.lastIndexOf('.') + 1))) continue;
      found.push({ id, file, line: index + 1 });
    }
  });
  return found;
}
