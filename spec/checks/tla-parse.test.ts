import { describe, expect, it } from 'vitest';
import { loadFixture } from './testing.js';
import { tlaParseCheck } from './tla-parse.js';

describe('TLA_PARSE', () => {
  it('passes on the good fixture', async () => {
    const ctx = await loadFixture('good');
    expect(ctx.tla.map((module) => module.file)).toEqual(['spec/tla/Good.tla']);
    expect(tlaParseCheck.run(ctx)).toEqual([]);
  });

  it('fails on broken at the first error of Broken.tla only', async () => {
    expect(tlaParseCheck.run(await loadFixture('broken'))).toEqual([
      { file: 'spec/tla/Broken.tla', line: 4, message: expect.stringMatching(/^syntax error at 4:\d+: /) },
    ]);
  });
});
