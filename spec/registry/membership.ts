/**
 * Which profiles a clause is in force in.
 *
 * @module
 */
import type { Chapter, Clause, Profile, Proposal, Registry } from './types.js';

/** The proposal whose profiles a chapter's clauses belong to by default (fdlopen is built on dlmem). */
function profileProposal(proposal: Proposal): Proposal {
  return proposal === 'fdlopen' ? 'dlmem' : proposal;
}

/** The profiles a clause of `chapter` is in force in when it names none itself. */
export function defaultProfiles(chapter: Chapter, profiles: readonly Profile[]): string[] {
  if (chapter.proposal === 'baseline') return profiles.map((profile) => profile.id);
  const proposal = profileProposal(chapter.proposal);
  return profiles.filter((profile) => profile.proposal === proposal).map((profile) => profile.id);
}

/** The profiles `clause` (a clause of `chapter`) is in force in, in profile-file order. */
export function profilesOf(clause: Clause, chapter: Chapter, profiles: readonly Profile[]): string[] {
  const named = clause.profiles;
  if (named === undefined) return defaultProfiles(chapter, profiles);
  return profiles.filter((profile) => named.includes(profile.id)).map((profile) => profile.id);
}

/**
 * The profiles a clause names when they differ from its chapter's default, or `undefined`
 * when the clause is in force exactly where its chapter says.
 */
export function narrowedProfiles(clause: Clause, chapter: Chapter, profiles: readonly Profile[]): string[] | undefined {
  if (clause.profiles === undefined) return undefined;
  const own = profilesOf(clause, chapter, profiles);
  const chapterDefault = defaultProfiles(chapter, profiles);
  const same = own.length === chapterDefault.length && own.every((id) => chapterDefault.includes(id));
  return same ? undefined : own;
}

/** How many clauses of the registry are in force in each profile, by profile id. */
export function clauseCountByProfile(registry: Registry): Map<string, number> {
  const counts = new Map(registry.profiles.map((profile) => [profile.id, 0]));
  for (const chapter of registry.chapters) {
    for (const clause of chapter.clauses) {
      for (const id of profilesOf(clause, chapter, registry.profiles)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}
