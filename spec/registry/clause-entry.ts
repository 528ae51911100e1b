/**
 * Validating one entry of a chapter's `clauses` list and turning it into a {@link Clause}.
 *
 * @module
 */
import { AREAS_OF_PROPOSAL, areaOf, clauseIdShapeError } from './clause-id.js';
import { parseChanges, type Change } from './changes.js';
import { readSources, threadLinesOf, type Source } from './sources.js';
import { STATUSES, type Clause, type Problem, type Proposal, type Status } from './types.js';
import { isRecord, isStringList, isText, unknownKeys, type YamlFile } from './yaml-file.js';

/** The keys a clause entry may have. */
export const CLAUSE_KEYS = [
  'id',
  'status',
  'text',
  'sources',
  'profiles',
  'raised-by',
  'observable',
  'caller-requirement',
  'note',
  'changes',
] as const;

/** Where a clause entry sits: its file, chapter, and position in the `clauses` list. */
export interface ClauseSite {
  /** The chapter file, relative to the repository root. */
  file: string;
  /** The chapter's ID. */
  chapter: string;
  /** The chapter's proposal, which decides the allowed ID areas. */
  proposal: Proposal;
  /** Index in the chapter's `clauses` list. */
  index: number;
  /** The parsed file, for line numbers. */
  yaml: YamlFile;
}

/** A clause entry's clause (when usable) and its problems. */
export interface ParsedClause {
  /** The clause, unless its id, status or text is unusable. */
  clause?: Clause;
  /** Everything wrong in the entry. */
  problems: Problem[];
}

/**
 * Validates one clause entry. The clause comes back whenever its id, status and text are
 * usable, even if other fields have problems, so that later checks still see it.
 */
export function parseClause(raw: unknown, site: ClauseSite): ParsedClause {
  const path = ['clauses', site.index];
  const line = site.yaml.lineOf(path);
  const problems: Problem[] = [];
  const lineOfKey = (key?: string) => (key === undefined ? line : (site.yaml.lineOf([...path, key]) ?? line));
  const report = (message: string, key?: string) => problems.push({ file: site.file, line: lineOfKey(key), message });
  if (!isRecord(raw)) {
    report(`clauses[${site.index}] is not a mapping`);
    return { problems };
  }
  const id = typeof raw.id === 'string' ? raw.id : undefined;
  const label = id === undefined ? `clauses[${site.index}]` : `clause ${id}`;
  for (const key of unknownKeys(raw, CLAUSE_KEYS)) report(`${label} has unknown key "${key}"`, key);

  const idOk = id !== undefined && checkId(id, site, (message) => report(message, 'id'));
  if (id === undefined) report(`${label} has no string "id"`);

  const status = STATUSES.find((known) => known === raw.status);
  if (status === undefined) {
    report(`${label} has status ${JSON.stringify(raw.status)}; expected one of ${STATUSES.join(', ')}`, 'status');
  }
  if (!isText(raw.text)) report(`${label} has no "text"`);

  const sources = readSources(raw.sources, (message, index) => problems.push({
    file: site.file,
    line: site.yaml.lineOf([...path, 'sources', ...(index === undefined ? [] : [index])]) ?? line,
    message: `${label}: ${message}`,
  }));
  const profiles = readOptionalList(raw.profiles, 'profiles', (message) => report(`${label}: ${message}`, 'profiles'));
  const raisedBy = readOptionalText(raw['raised-by'], 'raised-by', (message) =>
    report(`${label}: ${message}`, 'raised-by'),
  );
  const note = readOptionalText(raw.note, 'note', (message) => report(`${label}: ${message}`, 'note'));
  const changes = parseChanges(raw.changes, (message) => report(`${label}: ${message}`, 'changes'));
  for (const key of ['observable', 'caller-requirement'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'boolean') {
      report(`${label}: "${key}" must be true or false`, key);
    }
  }
  if (status === 'open-question' && (raisedBy === undefined || threadLinesOf(sources).length === 0)) {
    report(`${label} is an open question, so it needs "raised-by" and at least one thread source`);
  }

  if (!idOk || status === undefined || !isText(raw.text)) return { problems };
  return { clause: makeClause(raw, { id, status, sources, profiles, raisedBy, note, changes }, site, line), problems };
}

function makeClause(
  raw: Record<string, unknown>,
  fields: { id: string; status: Status; sources: Source[]; profiles?: string[]; raisedBy?: string; note?: string; changes: Change[] },
  site: ClauseSite,
  line: number | undefined,
): Clause {
  const clause: Clause = {
    id: fields.id,
    status: fields.status,
    text: String(raw.text).trim(),
    sources: fields.sources,
    thread: threadLinesOf(fields.sources),
    changes: fields.changes,
    observable: raw.observable !== false,
    callerRequirement: raw['caller-requirement'] === true,
    chapter: site.chapter,
    file: site.file,
  };
  if (fields.profiles !== undefined) clause.profiles = fields.profiles;
  if (fields.raisedBy !== undefined) clause.raisedBy = fields.raisedBy;
  if (fields.note !== undefined) clause.note = fields.note.trim();
  if (line !== undefined) clause.line = line;
  return clause;
}

/** Reports what is wrong with `id`; returns false when its shape is unusable (the clause is then dropped). */
function checkId(id: string, site: ClauseSite, report: (message: string) => void): boolean {
  const shape = clauseIdShapeError(id);
  if (shape !== undefined) {
    report(shape);
    return false;
  }
  const allowed = AREAS_OF_PROPOSAL[site.proposal];
  if (!(allowed as readonly string[]).includes(areaOf(id))) {
    report(
      `clause ${id} has area "${areaOf(id)}", but chapter ${site.chapter} is for proposal ` +
        `${site.proposal}, whose clauses use ${allowed.join(' or ')}`,
    );
  }
  return true;
}

function readOptionalList(value: unknown, key: string, report: (message: string) => void): string[] | undefined {
  if (value === undefined) return undefined;
  if (!isStringList(value) || value.length === 0) {
    report(`"${key}" must be a non-empty list of strings`);
    return undefined;
  }
  return value;
}

function readOptionalText(value: unknown, key: string, report: (message: string) => void): string | undefined {
  if (value === undefined) return undefined;
  if (!isText(value)) {
    report(`"${key}" must be non-empty text`);
    return undefined;
  }
  return value;
}
