import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGenerated } from '../tools/gen.js';
import { loadContext } from './context.js';
import { specFreshCheck } from './spec-fresh.js';
import { THREAD_FIXTURE, copyFixture, removeFixtureCopies, loadFixture } from './testing.js';

afterAll(removeFixtureCopies);

describe('SPEC_FRESH', () => {
  it('passes on the good fixture, whose generated files are committed', async () => {
    expect(specFreshCheck.run(await loadFixture('good'))).toEqual([]);
  });

  it('fails on a stale SPEC.md, a missing clause-ids file and an unmentioned clause', async () => {
    const problems = specFreshCheck.run(await loadFixture('broken'));
    const unmentioned = /^does not mention clause \S+ \(from spec\/clauses\/01-base\.yaml\)$/;
    expect(problems).toEqual([
      { file: 'SPEC.md', message: 'is out of date: run `npm run spec:gen`' },
      { file: 'spec/clause-ids.gen.ts', message: 'is missing: run `npm run spec:gen`' },
      { file: 'SPEC.md', message: expect.stringMatching(unmentioned) },
    ]);
  });

  it('passes once the generator has run, and fails again after a hand edit', async () => {
    const root = copyFixture('broken');
    writeGenerated(root);
    expect(specFreshCheck.run(await loadContext(root, { threadPath: THREAD_FIXTURE }))).toEqual([]);
    appendFileSync(join(root, 'spec/clause-ids.gen.ts'), '// edited\n');
    expect(specFreshCheck.run(await loadContext(root, { threadPath: THREAD_FIXTURE }))).toEqual([
      { file: 'spec/clause-ids.gen.ts', message: 'is out of date: run `npm run spec:gen`' },
    ]);
  });
});
