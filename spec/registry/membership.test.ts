import { describe, expect, it } from 'vitest';
import { fixtureRoot } from '../checks/testing.js';
import { loadRegistry } from './load.js';
import { clauseCountByProfile, defaultProfiles, narrowedProfiles, profilesOf } from './membership.js';

const { registry } = loadRegistry(fixtureRoot('good'));
const chapter = (id: string) => {
  const found = registry.chapters.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`fixture has no chapter ${id}`);
  return found;
};

describe('profile membership', () => {
  it('puts baseline clauses in every profile, fdlopen ones in the dlmem profiles', () => {
    expect(defaultProfiles(chapter('base'), registry.profiles)).toEqual(['mem-a', 'mem-b', 'move-a']);
    expect(defaultProfiles(chapter('fdlopen'), registry.profiles)).toEqual(['mem-a', 'mem-b']);
    expect(defaultProfiles(chapter('noreloc'), registry.profiles)).toEqual(['move-a']);
  });

  it('lets a clause narrow its profiles, and says so only when it differs from the default', () => {
    const memory = chapter('dlmem');
    const narrowed = memory.clauses.filter((clause) => narrowedProfiles(clause, memory, registry.profiles));
    expect(narrowed).toHaveLength(1);
    const [clause] = narrowed;
    expect(clause && profilesOf(clause, memory, registry.profiles)).toEqual(['mem-b']);
    const same = { ...memory.clauses[0]!, profiles: ['mem-b', 'mem-a'] };
    expect(narrowedProfiles(same, memory, registry.profiles)).toBeUndefined();
  });

  it('counts the clauses in force per profile', () => {
    expect(Object.fromEntries(clauseCountByProfile(registry))).toEqual({ 'mem-a': 7, 'mem-b': 8, 'move-a': 3 });
  });
});
