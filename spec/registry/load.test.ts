import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRoot } from '../checks/testing.js';
import { loadRegistry } from './load.js';
import { clausesOf } from './types.js';

describe('loadRegistry on the good fixture', () => {
  const { registry, problems } = loadRegistry(fixtureRoot('good'));

  it('finds no problem', () => {
    expect(problems).toEqual([]);
  });

  it('orders chapters by number and keeps file order inside them', () => {
    expect(registry.chapters.map((chapter) => [chapter.number, chapter.id])).toEqual([
      [1, 'base'],
      [2, 'dlmem'],
      [3, 'fdlopen'],
      [4, 'noreloc'],
    ]);
    expect(clausesOf(registry)).toHaveLength(9);
    expect(registry.profiles.map((profile) => profile.id)).toEqual(['mem-a', 'mem-b', 'move-a']);
  });

  it('fills defaults and keeps the optional fields', () => {
    const clauses = clausesOf(registry);
    expect(clauses.filter((clause) => !clause.observable)).toHaveLength(2);
    expect(clauses.filter((clause) => clause.callerRequirement)).toHaveLength(1);
    const question = clauses.find((clause) => clause.status === 'open-question');
    expect(question).toMatchObject({ raisedBy: 'A. Reviewer', thread: ['L30-32'], file: 'spec/clauses/02-dlmem.yaml' });
    expect(question?.line).toBe(27);
  });
});

describe('loadRegistry on the bad-registry fixture', () => {
  const { registry, problems } = loadRegistry(fixtureRoot('bad-registry'));
  const expected: [file: string, line: number | undefined, message: RegExp][] = [
    ['spec/profiles.yaml', 6, /unknown key "extra"/],
    ['spec/profiles.yaml', 6, /needs non-empty "source"/],
    ['spec/profiles.yaml', 6, /profile id "Bad_Profile" must be lowercase/],
    ['spec/profiles.yaml', 6, /proposal "other"/],
    ['spec/clauses/01-base.yaml', 4, /unknown top-level key "colour"/],
    ['spec/clauses/01-base.yaml', 10, /unknown key "colour"/],
    ['spec/clauses/01-base.yaml', 9, /malformed thread lines "L9-3"/],
    ['spec/clauses/01-base.yaml', 9, /malformed thread lines "x12"/],
    ['spec/clauses/01-base.yaml', 12, /status "mandatory"/],
    ['spec/clauses/01-base.yaml', 14, /"Base.Open.Upper" has segment "Base"/],
    ['spec/clauses/01-base.yaml', 17, /open question, so it needs "raised-by" and at least one thread source/],
    ['spec/clauses/01-base.yaml', 20, /names unknown profile "mem-z"/],
    ['spec/clauses/01-base.yaml', 24, /"observable" must be true or false/],
    ['spec/clauses/02-dlmem.yaml', 5, /has area "base", but chapter dlmem is for proposal dlmem/],
    ['spec/clauses/02-extra.yaml', undefined, /chapter number 2 is also used by spec\/clauses\/02-dlmem.yaml/],
    ['spec/clauses/02-extra.yaml', 5, /is already defined in spec\/clauses\/01-base.yaml/],
    ['spec/clauses/03-dlmem.yaml', undefined, /chapter id "dlmem" is also used by spec\/clauses\/02-dlmem.yaml/],
    ['spec/clauses/04-mismatch.yaml', 1, /chapter id "wrong-slug" must equal the file name's slug "mismatch"/],
    ['spec/clauses/04-mismatch.yaml', 3, /proposal "nothing"/],
    ['spec/clauses/05-syntax.yaml', 3, /YAML syntax error/],
    ['spec/clauses/notes.yaml', undefined, /NN-slug.yaml/],
  ];

  it.each(expected)('reports %s:%s %s', (file, line, message) => {
    expect(problems).toContainEqual({ file, line, message: expect.stringMatching(message) });
  });

  it('reports nothing else', () => {
    expect(problems).toHaveLength(expected.length);
  });

  it('drops clauses with an unusable id or status and duplicate IDs, keeping the rest', () => {
    const ids = clausesOf(registry).map((clause) => clause.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(4);
  });
});

describe('loadRegistry on an empty directory', () => {
  it('reports the missing profiles file and the missing chapters', () => {
    const root = mkdtempSync(join(tmpdir(), 'dlspec-empty-'));
    const { problems } = loadRegistry(root);
    rmSync(root, { recursive: true });
    expect(problems.map((problem) => problem.file)).toEqual(['spec/profiles.yaml', 'spec/clauses', 'spec/thread-index.gen.yaml']);
  });
});
