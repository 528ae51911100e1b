/**
 * One clause of SPEC.md: an anchored, numbered paragraph ending in the clause's ID, then a
 * line of metadata and the note.
 *
 * @module
 */
import { narrowedProfiles } from '../registry/membership.js';
import type { Chapter, Clause, Profile, Registry } from '../registry/types.js';
import { italicParagraphs } from './markdown.js';
import { changesBlock, nameInlineRefs, sourcesLine } from './render-sources.js';

/**
 * Renders `clause`, the `position`-th (1-based) clause of `chapter`, as Markdown:
 *
 * ```
 * <a id="area.topic.rule"></a>**1.6** The rule's sentence. [`area.topic.rule`](#area.topic.rule)\
 * _normative_\
 * _Sources:_ stsp, 2023-03-31 (#21, L974): “…”
 * ```
 */
export function renderClause(clause: Clause, chapter: Chapter, position: number, registry: Registry): string {
  const { messages } = registry;
  const number = `${chapter.number}.${position}`;
  const idLink = `[\`${clause.id}\`](#${clause.id})`;
  const paragraph = `<a id="${clause.id}"></a>**${number}** ${nameInlineRefs(clause.text.trimEnd(), messages)} ${idLink}`;
  const body = `${paragraph}\\\n${metadata(clause, chapter, registry.profiles)}\\\n${sourcesLine(clause, messages)}`;
  const parts = [body];
  if (clause.note !== undefined) parts.push(italicParagraphs(nameInlineRefs(clause.note, messages), 'Note: '));
  if (clause.changes.length > 0) parts.push(changesBlock(clause, messages));
  return parts.join('\n\n');
}

/** The metadata line: status, then whatever the clause adds to its chapter's defaults. */
function metadata(clause: Clause, chapter: Chapter, profiles: readonly Profile[]): string {
  const parts = [`_${clause.status}_`];
  const narrowed = narrowedProfiles(clause, chapter, profiles);
  if (narrowed !== undefined) parts.push(`profiles: ${narrowed.length > 0 ? narrowed.join(', ') : 'none'}`);
  if (clause.raisedBy !== undefined) parts.push(`raised by ${clause.raisedBy}`);
  if (clause.callerRequirement) parts.push('caller requirement');
  if (!clause.observable) parts.push('not observable');
  return parts.join(' · ');
}
