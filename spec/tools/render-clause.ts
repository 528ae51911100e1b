/**
 * One clause of SPEC.md: an anchored, numbered paragraph ending in the clause's ID, then a
 * line of metadata and the note.
 *
 * @module
 */
import { narrowedProfiles } from '../registry/membership.js';
import type { Chapter, Clause, Profile } from '../registry/types.js';
import { italicParagraphs, threadCitation } from './markdown.js';

/**
 * Renders `clause`, the `position`-th (1-based) clause of `chapter`, as Markdown:
 *
 * ```
 * <a id="area.topic.rule"></a>**1.6** The rule's sentence. [`area.topic.rule`](#area.topic.rule)\
 * _normative_ · thread:L974
 * ```
 */
export function renderClause(clause: Clause, chapter: Chapter, position: number, profiles: readonly Profile[]): string {
  const number = `${chapter.number}.${position}`;
  const idLink = `[\`${clause.id}\`](#${clause.id})`;
  const paragraph = `<a id="${clause.id}"></a>**${number}** ${clause.text.trimEnd()} ${idLink}`;
  const body = `${paragraph}\\\n${metadata(clause, chapter, profiles)}`;
  return clause.note === undefined ? body : `${body}\n\n${italicParagraphs(clause.note, 'Note: ')}`;
}

/** The metadata line: status, then whatever the clause adds to its chapter's defaults. */
function metadata(clause: Clause, chapter: Chapter, profiles: readonly Profile[]): string {
  const parts = [`_${clause.status}_`];
  const narrowed = narrowedProfiles(clause, chapter, profiles);
  if (narrowed !== undefined) parts.push(`profiles: ${narrowed.length > 0 ? narrowed.join(', ') : 'none'}`);
  if (clause.thread.length > 0) parts.push(clause.thread.map(threadCitation).join(', '));
  if (clause.raisedBy !== undefined) parts.push(`raised by ${clause.raisedBy}`);
  if (clause.callerRequirement) parts.push('caller requirement');
  if (!clause.observable) parts.push('not observable');
  return parts.join(' · ');
}
