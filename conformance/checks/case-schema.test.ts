import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseSchemaCheck } from './case-schema.js';
import { loadContext } from '../../spec/checks/context.js';
import { formatProblem } from '../../spec/checks/report.js';
import { THREAD_FIXTURE, copyFixture, loadFixture, removeFixtureCopies } from '../../spec/checks/testing.js';

afterAll(removeFixtureCopies);

describe('CASE_SCHEMA', () => {
  it('fails on a case with a misspelled key, naming the file, the step and the key', async () => {
    const problems = caseSchemaCheck.run(await loadFixture('cases'));
    const file = 'conformance/cases/bad/misspelled.case.yaml';
    expect(problems.map(formatProblem)).toEqual([
      `${file}: step 1 (mmap-file): "shared" must be a boolean, got "yes"`,
      `${file}: step 2 (dlmem): missing required key "mode"`,
      `${file}: step 2 (dlmem): unknown key "args.premapp" (expected one of soname, nsid, flags, extraFlagBits, premap)`,
      `${file}: step 3 (dlsym): unknown key "handel" (expected one of as, handle, symbol)`,
      `${file}: step 3 (dlsym): missing required key "handle"`,
      expect.stringMatching(new RegExp(`^${file}: step 4 \\(dlopen\\): "mode\\[1\\]" must be one of RTLD_LAZY, .*, got "RTLD_NOWW"$`)),
    ]);
  });

  it('passes when every case file fits, and on a repository without cases', async () => {
    const root = copyFixture('cases');
    rmSync(join(root, 'conformance/cases/bad'), { recursive: true });
    expect(caseSchemaCheck.run(await loadContext(root, { threadPath: THREAD_FIXTURE }))).toEqual([]);
    expect(caseSchemaCheck.run(await loadFixture('good'))).toEqual([]);
  });
});
