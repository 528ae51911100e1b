/**
 * Sources in SPEC.md: each clause's sources by author, date and quote (so SPEC.md reads without
 * the local copy of the thread), its change log, inline `thread:L…` citations named by message,
 * and the two appendices built from them: weakly sourced normative clauses and the change log.
 *
 * @module
 */
import { inlineThreadRefs } from '../registry/thread.js';
import { SERIES_URL, messageAt, messageLabel, messageNumbered, type ThreadMessage } from '../registry/thread-index.js';
import { isWeak, type Source } from '../registry/sources.js';
import { clausesOf, type Clause, type Registry } from '../registry/types.js';
import { table } from './markdown.js';

const escapeHtml = (text: string) => text.replace(/</g, '&lt;');

/** One source in words: `stsp, 2023-04-13 (#39, L2079-2088): “…”`, a branch commit, a document or a policy. */
export function renderSource(source: Source, messages: readonly ThreadMessage[]): string {
  switch (source.kind) {
    case 'thread': {
      const message = messageNumbered(messages, source.message);
      const who = message === undefined ? `message #${source.message}` : `${message.author}, ${message.date.slice(0, 10)} (#${message.number}, ${source.lines})`;
      return `${who}: “${escapeHtml(source.quote.replace(/\s+/g, ' ').trim())}”`;
    }
    case 'branch':
      return `stsp/glibc branch \`${source.branch}\` at ${source.commit}, \`${source.file}\``;
    case 'doc':
      return `${source.doc}, ${source.section}`;
    case 'policy':
      return `dlspec policy: ${escapeHtml(source.reason.replace(/\s+/g, ' ').trim())}`;
  }
}

/** The `Sources:` line of a clause. */
export function sourcesLine(clause: Clause, messages: readonly ThreadMessage[]): string {
  const list = clause.sources.map((s) => renderSource(s, messages));
  return `_Sources:_ ${list.length > 0 ? list.join(' · ') : 'none'}`;
}

/** The change log of a clause, one paragraph per change; empty when it never changed. */
export function changesBlock(clause: Clause, messages: readonly ThreadMessage[]): string {
  return clause.changes.map((change) =>
    `_Changed (${change.kind}):_ ${change.change} — ${change.sources.map((s) => renderSource(s, messages)).join(' · ')}`).join('\n\n');
}

/** `text` with each `thread:L…` citation followed by the message it is in. */
export function nameInlineRefs(text: string, messages: readonly ThreadMessage[]): string {
  return text.replace(/thread:L[0-9]+(?:-[0-9]+)?/g, (ref) => {
    const range = inlineThreadRefs(ref)[0]?.range;
    const message = range === undefined ? undefined : messageAt(messages, range.start);
    return message === undefined ? ref : `${ref} (${messageLabel(message)})`;
  });
}

/** Whether a normative clause rests only on a branch or on dlspec's own policy. */
export function isWeaklySourced(clause: Clause): boolean {
  return clause.status === 'normative' && clause.sources.every(isWeak);
}

/** Appendix: the normative clauses resting only on `branch` or `dlspec-policy` sources. */
export function weakSourcesAppendix(registry: Registry, heading: string): string {
  const rows = clausesOf(registry).filter(isWeaklySourced).map((clause) => [
    `[\`${clause.id}\`](#${clause.id})`,
    clause.profiles?.join(', ') ?? 'chapter default',
    clause.sources.map((s) => renderSource(s, registry.messages)).join(' · ') || 'none',
  ]);
  const intro = 'These normative clauses rest on no message of the thread and no published document: ' +
    'only on a branch of stsp/glibc (in force only in that branch\'s profile) or on a rule dlspec sets itself. ' +
    `The thread is the patchwork series ${SERIES_URL}.`;
  return `${heading}\n\n${intro}\n\n${rows.length > 0 ? table(['Clause', 'Profiles', 'Sources'], rows) : '_None._'}`;
}

/** Appendix: every spec-bug and allowed-variance change, with the source that justifies it. */
export function changeLogAppendix(registry: Registry, heading: string): string {
  const rows = clausesOf(registry).flatMap((clause) => clause.changes.map((change) => [
    `[\`${clause.id}\`](#${clause.id})`,
    change.kind,
    change.change,
    change.sources.map((s) => renderSource(s, registry.messages)).join(' · '),
  ]));
  const intro = 'Every spec-bug and allowed-variance change of a clause\'s meaning, whether found when a loader disagreed ' +
    'with the model or when the clause was read against the thread, and what in the thread or a published document ' +
    'justifies it. What a loader does is never the source of a normative clause.';
  return `${heading}\n\n${intro}\n\n${rows.length > 0 ? table(['Clause', 'Kind', 'Change', 'Justified by'], rows) : '_None._'}`;
}
