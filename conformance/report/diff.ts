/**
 * Run diffs: the verdict changes between two results.json files, per clause × loader (the
 * summary's matrix) and per case × profile × loader.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import type { VerdictKind } from '../oracle/types.js';
import type { ClauseCell } from './cells.js';
import { summarize } from './summary.js';
import type { ResultEntry } from './types.js';

/** What a diff needs of a results file: its results and the clause matrix. */
export interface DiffInput {
  /** Every verdict. */
  readonly results: readonly Pick<ResultEntry, 'case' | 'profile' | 'loader' | 'verdict' | 'clauses'>[];
  /** Per clause, per loader: the worst verdict. */
  readonly byClause: Readonly<Record<string, Readonly<Record<string, ClauseCell>>>>;
}

/** One verdict that changed; `null` where the row is absent from that side. */
export interface VerdictChange {
  /** The clause ID, or `case-id [profile]`. */
  readonly key: string;
  /** The loader id. */
  readonly loader: string;
  /** The verdict in the first file. */
  readonly from: ClauseCell | null;
  /** The verdict in the second file. */
  readonly to: ClauseCell | null;
}

/** The changes between two runs. */
export interface RunDiff {
  /** Per clause and loader. */
  readonly clauses: readonly VerdictChange[];
  /** Per case, profile and loader. */
  readonly cases: readonly VerdictChange[];
}

const VERDICTS: readonly string[] = ['PASS', 'FAIL', 'UNSUPPORTED', 'UNSPECIFIED', 'XFAIL', 'XPASS', 'ERROR'];

/** Reads a results.json for diffing, or the message saying what is wrong with it (naming `path`). */
export function readDiffInput(path: string): DiffInput | { readonly error: string } {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { return { error: `${path}: cannot read it: ${(e as Error).message}` }; }
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) { return { error: `${path}: not valid JSON: ${(e as Error).message}` }; }
  const results = (data as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) return { error: `${path}: not a dlspec results file (no "results" array)` };
  for (const [i, r] of results.entries()) {
    const e = r as Partial<ResultEntry> | null;
    if (typeof e?.case !== 'string' || typeof e.loader !== 'string' || !VERDICTS.includes(String(e.verdict)) || !Array.isArray(e.clauses)) {
      return { error: `${path}: results[${i}] is not a result (it needs case, loader, verdict and clauses)` };
    }
  }
  const entries = results as ResultEntry[];
  const byClause = (data as { summary?: { byClause?: unknown } }).summary?.byClause;
  return { results: entries, byClause: typeof byClause === 'object' && byClause !== null ? byClause as DiffInput['byClause'] : summarize(entries).byClause };
}

/** The changed cells of two `key → loader → verdict` tables, sorted by key then loader. */
function changes(a: ReadonlyMap<string, ClauseCell>, b: ReadonlyMap<string, ClauseCell>): VerdictChange[] {
  const out: VerdictChange[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(k) ?? null;
    const to = b.get(k) ?? null;
    if (from === to) continue;
    const [key = '', loader = ''] = k.split('\u0000');
    out.push({ key, loader, from, to });
  }
  return out.sort((x, y) => x.key.localeCompare(y.key) || x.loader.localeCompare(y.loader));
}

function clauseTable(input: DiffInput): Map<string, ClauseCell> {
  const m = new Map<string, ClauseCell>();
  for (const [clause, row] of Object.entries(input.byClause)) for (const [loader, v] of Object.entries(row)) m.set(`${clause}\u0000${loader}`, v);
  return m;
}

function caseTable(input: DiffInput): Map<string, VerdictKind> {
  return new Map(input.results.map((r) => [`${r.case} [${r.profile ?? '-'}]\u0000${r.loader}`, r.verdict]));
}

/** The verdict changes from run `a` to run `b`. */
export function diffRuns(a: DiffInput, b: DiffInput): RunDiff {
  return { clauses: changes(clauseTable(a), clauseTable(b)), cases: changes(caseTable(a), caseTable(b)) };
}

/** The diff as lines: `clause  loader  FROM → TO`, then the cases; `—` marks a row absent from one side. */
export function formatDiff(diff: RunDiff): string[] {
  const rows = (list: readonly VerdictChange[]): string[] => {
    const kw = Math.max(0, ...list.map((c) => c.key.length));
    const lw = Math.max(0, ...list.map((c) => c.loader.length));
    return list.map((c) => `${c.key.padEnd(kw)}  ${c.loader.padEnd(lw)}  ${c.from ?? '—'} → ${c.to ?? '—'}`);
  };
  const out = [`clauses: ${diff.clauses.length} change(s)`, ...rows(diff.clauses), '', `cases: ${diff.cases.length} change(s)`, ...rows(diff.cases)];
  return out;
}
