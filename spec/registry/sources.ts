/**
 * Where a clause comes from. Every clause names at least one source, of one of four kinds: a
 * message of the thread (with the lines and a verbatim quote that `spec:check` finds there), a
 * commit of a stsp/glibc branch, a published document, or a dlspec policy with its reason.
 *
 * @module
 */
import { parseThreadRef, type LineRange } from './thread.js';
import { isRecord, isText, unknownKeys } from './yaml-file.js';

/** A message of the thread: lines, comment number and a verbatim quote from those lines. */
export interface ThreadSource {
  /** The kind. */
  kind: 'thread';
  /** The lines as written, such as `L2079-2088`. */
  lines: string;
  /** The lines as a range (undefined when malformed). */
  range: LineRange | undefined;
  /** The message's comment number in the series (0: the cover letter). */
  message: number;
  /** A short verbatim quote from those lines (whitespace-normalised when compared). */
  quote: string;
}

/** The branches of stsp/glibc that implement the proposals. */
export const BRANCHES = ['dlmem', 'noreloc'] as const;

/** A commit of a stsp/glibc branch. */
export interface BranchSource {
  /** The kind. */
  kind: 'branch';
  /** The branch. */
  branch: (typeof BRANCHES)[number];
  /** The commit, abbreviated hex. */
  commit: string;
  /** The file in that commit. */
  file: string;
}

/** The published documents a clause may rest on. */
export const DOCUMENTS = ['ELF gABI', 'POSIX.1-2017', 'glibc manual', 'Linux man-pages'] as const;

/** A section of a published document. */
export interface DocSource {
  /** The kind. */
  kind: 'doc';
  /** The document. */
  doc: (typeof DOCUMENTS)[number];
  /** The section (or page) in it. */
  section: string;
}

/** A rule dlspec sets itself, with the reason. */
export interface PolicySource {
  /** The kind. */
  kind: 'policy';
  /** Why dlspec sets the rule. */
  reason: string;
}

/** One source of a clause. */
export type Source = ThreadSource | BranchSource | DocSource | PolicySource;

const KEYS = {
  thread: ['thread', 'message', 'quote'],
  branch: ['branch', 'commit', 'file'],
  doc: ['doc', 'section'],
  policy: ['dlspec-policy'],
} as const;

/** Whether a source is only the branch's or dlspec's word (no thread message, no document). */
export function isWeak(source: Source): boolean {
  return source.kind === 'branch' || source.kind === 'policy';
}

/** Reads one entry of a `sources` list; a message saying what is wrong when it is not a source. */
export function parseSource(raw: unknown): Source | string {
  if (!isRecord(raw)) return 'a source must be a mapping';
  const kind = (Object.keys(KEYS) as (keyof typeof KEYS)[]).find((k) => KEYS[k][0] in raw);
  if (kind === undefined) return 'a source needs one of "thread", "branch", "doc" or "dlspec-policy"';
  const extra = unknownKeys(raw, KEYS[kind]);
  if (extra.length > 0) return `a ${kind} source has unknown key "${extra[0]}"; it takes ${KEYS[kind].join(', ')}`;
  const missing = KEYS[kind].find((key) => raw[key] === undefined || raw[key] === '');
  if (missing !== undefined) return `a ${kind} source needs "${missing}"`;
  switch (kind) {
    case 'thread': {
      const lines = String(raw.thread);
      if (parseThreadRef(lines) === undefined) return `malformed thread lines "${lines}"; write "L123" or "L123-130" with start ≤ end`;
      if (!Number.isInteger(raw.message) || (raw.message as number) < 0) return 'a thread source\'s "message" is its comment number (0 for the cover letter)';
      if (!isText(raw.quote)) return 'a thread source needs a "quote" of verbatim text';
      return { kind, lines, range: parseThreadRef(lines), message: raw.message as number, quote: raw.quote };
    }
    case 'branch': {
      const branch = BRANCHES.find((b) => b === raw.branch);
      if (branch === undefined) return `unknown branch ${JSON.stringify(raw.branch)}; expected ${BRANCHES.join(' or ')}`;
      const commit = String(raw.commit);
      if (!/^[0-9a-f]{7,40}$/.test(commit)) return `branch commit "${commit}" is not abbreviated hex`;
      return { kind, branch, commit, file: String(raw.file) };
    }
    case 'doc': {
      const doc = DOCUMENTS.find((d) => d === raw.doc);
      if (doc === undefined) return `unknown document ${JSON.stringify(raw.doc)}; expected one of ${DOCUMENTS.join(', ')}`;
      return { kind, doc, section: String(raw.section) };
    }
    case 'policy':
      if (!isText(raw['dlspec-policy'])) return 'a dlspec-policy source needs its reason as text';
      return { kind: 'policy', reason: raw['dlspec-policy'] };
  }
}

/** Reads a `sources` list; each bad entry is reported with its index, and left out. */
export function readSources(value: unknown, report: (message: string, index?: number) => void): Source[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report('"sources" must be a list of sources (thread, branch, doc or dlspec-policy)');
    return [];
  }
  return value.flatMap((raw, index) => {
    const source = parseSource(raw);
    if (typeof source === 'string') {
      report(`sources[${index}]: ${source}`, index);
      return [];
    }
    return [source];
  });
}

/** The thread lines a clause's sources cite, as `L…` strings. */
export function threadLinesOf(sources: readonly Source[]): string[] {
  return sources.flatMap((s) => (s.kind === 'thread' ? [s.lines] : []));
}

/** Collapses runs of whitespace to one space, for comparing quotes with thread text. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
