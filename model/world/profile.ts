/**
 * Profile views built from the clause registry: which clauses are in force for a profile.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ProfileId, ProfileView } from './world.js';

/** Every profile, in registry order. */
export const PROFILE_IDS: readonly ProfileId[] = ['dlmem-v9', 'dlmem-branch', 'norelocate-v1', 'norelocate-v2', 'norelocate-branch'];

/** Whether a string names a profile. */
export function isProfileId(value: string): value is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(value);
}

/** The proposal a profile belongs to. */
export function proposalOf(profile: ProfileId): 'dlmem' | 'norelocate' {
  return profile.startsWith('dlmem') ? 'dlmem' : 'norelocate';
}

/** A profile view over an explicit set of clauses in force. */
export function profileView(id: ProfileId, inForce: ReadonlySet<ClauseId>): ProfileView {
  return { id, proposal: proposalOf(id), has: (clause) => inForce.has(clause) };
}
