import { describe, expect, it } from 'vitest';
import { loadFixture } from '../testing.js';
import { tlaDefinitions } from './tla-definitions.js';

describe('tlaDefinitions', () => {
  it('finds actions and invariants, with the tags of the comment run right above each', async () => {
    const [module] = (await loadFixture('good')).tla;
    const definitions = tlaDefinitions(module!).map(({ name, kind, line, tags }) => ({
      name,
      kind,
      line,
      tags: tags?.length,
    }));
    expect(definitions).toEqual([
      { name: 'TypeOK', kind: 'invariant', line: 6, tags: 1 },
      { name: 'Open', kind: 'action', line: 14, tags: 2 },
      { name: 'Relocate', kind: 'action', line: 17, tags: 1 },
      { name: 'Close', kind: 'action', line: 20, tags: 1 },
      { name: 'InvRelocatedLoaded', kind: 'invariant', line: 25, tags: 2 },
    ]);
  });

  it('does not take trailing comments or comments above a blank line as tags', async () => {
    const ctx = await loadFixture('broken');
    const tags = ctx.tla.find((module) => module.file.endsWith('Tags.tla'));
    const byName = new Map(tlaDefinitions(tags!).map((definition) => [definition.name, definition.tags]));
    expect(byName.get('Trailing')).toBeUndefined();
    expect(byName.get('Gap')).toBeUndefined();
    expect(byName.get('Empty')).toEqual([]);
    expect(byName.has('Helper')).toBe(false);
  });
});
