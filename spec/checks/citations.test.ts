import { describe, expect, it } from 'vitest';
import { citationsCheck } from './citations.js';
import { loadFixture } from './testing.js';

describe('CITATIONS', () => {
  it('passes on the good fixture, whose fixtures/ directory cites an unknown ID', async () => {
    const ctx = await loadFixture('good');
    expect(ctx.files.some((file) => file.file.includes('fixtures'))).toBe(false);
    expect(citationsCheck.run(ctx)).toEqual([]);
  });

  it('fails on broken, naming the file and line of each unknown ID (TLA+ tags included)', async () => {
    const unknown = expect.stringMatching(/^cites \S+, which is not in the registry$/);
    expect(citationsCheck.run(await loadFixture('broken'))).toEqual([
      { file: 'model/model.ts', line: 2, message: unknown },
      { file: 'spec/tla/Tags.tla', line: 9, message: unknown },
    ]);
  });
});
