import { describe, expect, it } from 'vitest';
import { loadFixture } from './testing.js';
import { tlaTagsCheck } from './tla-tags.js';

describe('TLA_TAGS', () => {
  it('passes on the good fixture', async () => {
    expect(tlaTagsCheck.run(await loadFixture('good'))).toEqual([]);
  });

  it('fails on broken for each untagged, empty or unknown tag', async () => {
    const problems = tlaTagsCheck.run(await loadFixture('broken'));
    const unknown = /^spec\/tla\/Tags.tla:10 module Tags, action Unknown \(line 10\) is tagged with \S+, which is not/;
    expect(problems.map((problem) => `${problem.file}:${problem.line} ${problem.message}`)).toEqual([
      'spec/tla/Broken.tla:4 module Broken, action Next (line 4) has no "\\* @clauses" comment right above it',
      'spec/tla/Tags.tla:7 module Tags, action Untagged (line 7) has no "\\* @clauses" comment right above it',
      expect.stringMatching(unknown),
      'spec/tla/Tags.tla:13 module Tags, action Empty (line 13): its @clauses comment names no clause',
      'spec/tla/Tags.tla:15 module Tags, invariant InvPositive (line 15) has no "\\* @clauses" comment right above it',
      'spec/tla/Tags.tla:19 module Tags, action Trailing (line 19) has no "\\* @clauses" comment right above it',
      'spec/tla/Tags.tla:23 module Tags, action Gap (line 23) has no "\\* @clauses" comment right above it',
    ]);
  });
});
