/**
 * SOURCES: every clause shows where it comes from. Each clause has a source; each thread source
 * names the message its lines are in, and its quote is found, word for word (whitespace
 * normalised), in those lines; a change names a thread message or a document; a normative clause
 * that rests on a branch alone is in force only in that branch's profiles; the thread index is
 * the one the thread gives.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { profilesOf } from '../registry/membership.js';
import { normaliseSpace, type Source } from '../registry/sources.js';
import { threadLines, type ThreadFile } from '../registry/thread.js';
import { THREAD_INDEX_FILE, indexThread, messageAt, messageNumbered, withinMessage, type ThreadMessage } from '../registry/thread-index.js';
import type { Problem } from '../registry/types.js';
import type { CheckContext } from './context.js';
import type { Check } from './types.js';

/** The problems of one thread source, or none. */
export function threadSourceProblems(source: Source, messages: readonly ThreadMessage[], thread: ThreadFile | undefined): string[] {
  if (source.kind !== 'thread' || source.range === undefined) return [];
  const { range, lines, quote } = source;
  const message = messageNumbered(messages, source.message);
  if (message === undefined) return [`${lines} cites message #${source.message}, which the thread index does not have`];
  if (!withinMessage(message, range)) {
    const actual = messageAt(messages, range.start);
    return [`${lines} is not inside message #${source.message} (L${message.start}-${message.end})` +
      (actual === undefined ? '' : `; line ${range.start} is in #${actual.number} (${actual.author})`)];
  }
  // Lines past the end of the thread are REGISTRY's to report (checkThreadCitations).
  if (thread === undefined || range.end > thread.lineCount) return [];
  return normaliseSpace(threadLines(thread, range)).includes(normaliseSpace(quote))
    ? [] : [`the quote "${quote}" is not in ${lines} of ${thread.path}`];
}

function clauseProblems(ctx: CheckContext): Problem[] {
  const { registry, thread } = ctx;
  const problems: Problem[] = [];
  for (const chapter of registry.chapters) {
    for (const clause of chapter.clauses) {
      const report = (message: string) => problems.push({ file: clause.file, line: clause.line, message: `clause ${clause.id}: ${message}` });
      if (clause.sources.length === 0) report('has no source (thread, branch, doc or dlspec-policy)');
      const sources = [...clause.sources, ...clause.changes.flatMap((change) => change.sources)];
      for (const source of sources) threadSourceProblems(source, registry.messages, thread).forEach(report);
      if (clause.status !== 'normative' || !clause.sources.every((s) => s.kind === 'branch')) continue;
      const branches = new Set(clause.sources.map((s) => (s.kind === 'branch' ? s.branch : '')));
      const outside = profilesOf(clause, chapter, registry.profiles)
        .filter((id) => !branches.has(registry.profiles.find((p) => p.id === id)?.branch ?? ''));
      if (outside.length > 0) {
        report(`is normative and rests only on a branch, yet is in force in ${outside.join(', ')}: ` +
          'what a loader does is never a source outside that branch\'s profile');
      }
    }
  }
  return problems;
}

/** The SOURCES check. */
export const sourcesCheck: Check = {
  id: 'SOURCES',
  description: 'every clause has a source; every quote is found in its lines of the thread',
  run(ctx) {
    const problems = clauseProblems(ctx);
    if (ctx.thread !== undefined && !isDeepStrictEqual(indexThread(ctx.thread.text), [...ctx.registry.messages])) {
      problems.push({ file: THREAD_INDEX_FILE, message: `the thread index does not match ${ctx.thread.path}; run npm run spec:gen` });
    }
    return problems;
  },
};
