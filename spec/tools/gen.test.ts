import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopies } from '../checks/testing.js';
import { GENERATED_FILES, writeGenerated } from './gen.js';

afterAll(removeFixtureCopies);

describe('writeGenerated', () => {
  it('writes SPEC.md and the clause-ID module, byte for byte the same on a second run', () => {
    const root = copyFixture('broken');
    expect(writeGenerated(root)).toEqual({ written: [...GENERATED_FILES], problems: [] });
    const first = GENERATED_FILES.map((file) => readFileSync(join(root, file), 'utf8'));
    writeGenerated(root);
    expect(GENERATED_FILES.map((file) => readFileSync(join(root, file), 'utf8'))).toEqual(first);
  });

  it('still writes, and returns the problems, when the registry has some', () => {
    const { written, problems } = writeGenerated(copyFixture('bad-registry'));
    expect(written).toEqual([...GENERATED_FILES]);
    expect(problems.length).toBeGreaterThan(0);
  });
});
