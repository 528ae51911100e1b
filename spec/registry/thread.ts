/**
 * Citations of the seed discussion thread: the `thread` lists of clauses (`L7-16`, `L974`)
 * and inline `thread:L123` / `thread:L123-130` citations in registry text.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { PROFILES_FILE } from './paths.js';
import type { Problem, Registry } from './types.js';

/** A range of thread lines, both ends included, 1-based. */
export interface LineRange {
  /** First line. */
  start: number;
  /** Last line (equal to `start` for a single line). */
  end: number;
}

/** The thread file as far as citations need it. */
export interface ThreadFile {
  /** The path as given, for messages. */
  path: string;
  /** How many lines the file has. */
  lineCount: number;
  /** The whole text. */
  text: string;
}

/** An inline `thread:L…` citation found in text. */
export interface InlineThreadRef {
  /** The citation as written, such as `thread:L20-25`. */
  ref: string;
  /** The lines it names, or `undefined` when malformed. */
  range: LineRange | undefined;
}

const REF = /^L([1-9][0-9]*)(?:-([1-9][0-9]*))?$/;
const INLINE = /thread:L([0-9]+)(?:-([0-9]+))?/g;

/** Parses a `thread` entry such as `L7-16` or `L974`; `undefined` when malformed or reversed. */
export function parseThreadRef(ref: string): LineRange | undefined {
  const match = REF.exec(ref);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  return start <= end ? { start, end } : undefined;
}

/** Every inline `thread:Lnnn[-mmm]` citation in `text`, as written and as a range. */
export function inlineThreadRefs(text: string): InlineThreadRef[] {
  return [...text.matchAll(INLINE)].map((match) => ({
    ref: match[0],
    range: parseThreadRef(match[0].slice('thread:'.length)),
  }));
}

/** The text of lines `range` of `thread`, joined with newlines. */
export function threadLines(thread: ThreadFile, range: LineRange): string {
  return thread.text.split('\n').slice(range.start - 1, range.end).join('\n');
}

/** Reads the thread file, or `undefined` when the file does not exist. */
export function readThreadFile(path: string, shownAs: string = path): ThreadFile | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  return { path: shownAs, lineCount, text };
}

/** Checks that every thread citation of the registry names lines that exist in `thread`. */
export function checkThreadCitations(registry: Registry, thread: ThreadFile): Problem[] {
  const problems: Problem[] = [];
  const check = (file: string, line: number | undefined, where: string, ref: string, range?: LineRange) => {
    // A malformed `thread` entry is the registry validation's to report; here only the range counts.
    if (range !== undefined && range.end > thread.lineCount) {
      problems.push({
        file,
        line,
        message: `${where}: ${ref} is past the end of ${thread.path} (${thread.lineCount} lines)`,
      });
    }
  };
  const checkText = (file: string, line: number | undefined, where: string, text: string | undefined) => {
    for (const { ref, range } of inlineThreadRefs(text ?? '')) {
      if (range === undefined) problems.push({ file, line, message: `${where}: malformed citation "${ref}"` });
      else check(file, line, where, ref, range);
    }
  };
  for (const chapter of registry.chapters) {
    checkText(chapter.file, undefined, `chapter ${chapter.id} intro`, chapter.intro);
    for (const clause of chapter.clauses) {
      const where = `clause ${clause.id}`;
      const changed = clause.changes.flatMap((c) => c.sources.flatMap((s) => (s.kind === 'thread' ? [s.lines] : [])));
      for (const ref of [...clause.thread, ...changed]) check(clause.file, clause.line, where, ref, parseThreadRef(ref));
      checkText(clause.file, clause.line, `${where} text`, clause.text);
      checkText(clause.file, clause.line, `${where} note`, clause.note);
    }
  }
  for (const profile of registry.profiles) {
    checkText(PROFILES_FILE, undefined, `profile ${profile.id}`, `${profile.summary}\n${profile.source}`);
  }
  return problems;
}
