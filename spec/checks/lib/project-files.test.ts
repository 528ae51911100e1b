import { describe, expect, it } from 'vitest';
import { fixtureRoot } from '../testing.js';
import { isGeneratedName, readProjectTextFiles } from './project-files.js';

describe('readProjectTextFiles', () => {
  it('reads code, models, cases, TLA+ and README, but not the registry, generated files or fixtures', () => {
    expect(readProjectTextFiles(fixtureRoot('good')).map((file) => file.file)).toEqual([
      'README.md',
      'conformance/cases/covered.txt',
      'conformance/cases/open.c',
      'model/covered.ts',
      'model/model.ts',
      'spec/preamble.md',
      'spec/profiles.yaml',
      'spec/tla/Good.tla',
    ]);
  });
});

describe('isGeneratedName', () => {
  it('recognises *.gen.* files', () => {
    expect(isGeneratedName('spec/clause-ids.gen.ts')).toBe(true);
    expect(isGeneratedName('spec/generic.ts')).toBe(false);
  });
});
