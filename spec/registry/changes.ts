/**
 * The change log of a clause: every `spec-bug` or `allowed-variance` change, what it changed, and
 * the sources that justify it (a thread message or a document; what a loader does never is).
 *
 * @module
 */
import { readSources, type Source } from './sources.js';
import { isRecord, isText, unknownKeys } from './yaml-file.js';

/** Why a clause changed: the spec was wrong, or the outcomes were widened for a variance. */
export type ChangeKind = 'spec-bug' | 'allowed-variance';

/** One change of a clause. */
export interface Change {
  /** The kind of change. */
  kind: ChangeKind;
  /** What changed, in Markdown. */
  change: string;
  /** What justifies it. */
  sources: readonly Source[];
}

const KINDS: readonly ChangeKind[] = ['spec-bug', 'allowed-variance'];

/** Reads a clause's `changes` list; every problem goes to `report`. */
export function parseChanges(value: unknown, report: (message: string) => void): Change[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report('"changes" must be a list of { kind, change, sources }');
    return [];
  }
  return value.flatMap((raw, index) => {
    const where = `changes[${index}]`;
    if (!isRecord(raw)) return (report(`${where} is not a mapping`), []);
    const extra = unknownKeys(raw, ['kind', 'change', 'sources']);
    if (extra.length > 0) report(`${where} has unknown key "${extra[0]}"`);
    const kind = KINDS.find((k) => k === raw.kind);
    if (kind === undefined) report(`${where} has kind ${JSON.stringify(raw.kind)}; expected spec-bug or allowed-variance`);
    if (!isText(raw.change)) report(`${where} needs "change": what changed`);
    const sources = readSources(raw.sources, (message) => report(`${where}.${message}`));
    if (!sources.some((s) => s.kind === 'thread' || s.kind === 'doc')) {
      report(`${where} must name a thread message or a document that justifies it (a branch never does)`);
    }
    return kind === undefined || !isText(raw.change) ? [] : [{ kind, change: raw.change.trim(), sources }];
  });
}
