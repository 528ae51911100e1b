import { describe, expect, it } from 'vitest';
import { parseProfilesFile } from './profiles-file.js';

const entry = (extra: string) => `- id: p-branch\n  proposal: dlmem\n  title: t\n  summary: s\n  source: a branch\n${extra}`;

describe('parseProfilesFile', () => {
  it('keeps the branch a branch profile describes', () => {
    const { profiles, problems } = parseProfilesFile('profiles.yaml', entry('  branch: noreloc\n'));
    expect(problems).toEqual([]);
    expect(profiles[0]?.branch).toBe('noreloc');
  });

  it('leaves it out for a profile of a posted version, and rejects an unknown branch', () => {
    expect(parseProfilesFile('profiles.yaml', entry('')).profiles[0]).not.toHaveProperty('branch');
    expect(parseProfilesFile('profiles.yaml', entry('  branch: master\n')).problems.map((p) => p.message))
      .toEqual(['profile p-branch has branch "master"; expected dlmem or noreloc']);
  });
});
