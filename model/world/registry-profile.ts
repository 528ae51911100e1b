/**
 * The profile view the model uses, built from the generated clause table (spec/clause-ids.gen.ts),
 * so no YAML is read at run time.
 *
 * @module
 */
import { CLAUSE_FACTS, CLAUSE_IDS, type ClauseId } from '../../spec/clause-ids.gen.js';
import { profileView } from './profile.js';
import type { ProfileId, ProfileView } from './world.js';

const cache = new Map<ProfileId, ProfileView>();

/** The clauses in force in `profile`, as the registry defines them. */
export function registryProfile(profile: ProfileId): ProfileView {
  let view = cache.get(profile);
  if (view === undefined) {
    const inForce = new Set<ClauseId>(CLAUSE_IDS.filter((id) => CLAUSE_FACTS[id].profiles.includes(profile)));
    view = profileView(profile, inForce);
    cache.set(profile, view);
  }
  return view;
}
