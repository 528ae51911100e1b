import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { THREAD_FIXTURE, copyFixture, removeFixtureCopies } from '../spec/checks/testing.js';
import { runAll, runConformanceCommand, type RunIo } from './run-command.js';

afterAll(removeFixtureCopies);

const BAD = `id: t/bad
description: a step with a misspelled key
clauses: [base.dlsym.found]
features: [baseline]
profiles: [dlmem-v9]
steps:
  - dlopen: { as: h, file: plain, mode: [RTLD_NOW] }
  - dlsym: { as: s, handel: h, symbol: ref1 }
`;

/** A copy of the good fixture with one malformed case and an earlier run's reports/latest.json. */
function repoWithBadCase(): string {
  const root = copyFixture('good');
  mkdirSync(join(root, 'conformance/cases/t'), { recursive: true });
  writeFileSync(join(root, 'conformance/cases/t/bad.case.yaml'), BAD);
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(join(root, 'reports/latest.json'), '{"earlier": true}\n');
  return root;
}

/** An io that keeps what goes to standard output and to standard error apart. */
function capture(): RunIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (line) => out.push(line), printError: (line) => err.push(line) };
}

describe('dlspec run on a malformed case', () => {
  it('names the file, the step and the key on stderr, exits 1, and neither runs nor writes anything', async () => {
    const root = repoWithBadCase();
    const io = capture();
    expect(await runAll(root, THREAD_FIXTURE, { loader: ['model'] }, io)).toBe(1);
    expect(io.err).toEqual([
      'error: conformance/cases/t/bad.case.yaml: step 2 (dlsym): unknown key "handel" (expected one of as, handle, symbol)',
      'error: conformance/cases/t/bad.case.yaml: step 2 (dlsym): missing required key "handle"',
      'dlspec run: 1 malformed case file: nothing was run and reports/latest.* are unchanged',
    ]);
    expect(io.out).toEqual([]);
    expect(readFileSync(join(root, 'reports/latest.json'), 'utf8')).toBe('{"earlier": true}\n');
    for (const f of ['coverage.json', 'latest.md', 'latest.partial.ndjson']) expect(existsSync(join(root, 'reports', f))).toBe(false);
  });

  it('checks only the cases --case selects, and runConformanceCommand checks them too', async () => {
    const root = repoWithBadCase();
    const io = capture();
    expect(await runConformanceCommand(root, { loader: ['model'], case: 't/*' }, io)).toBe(1);
    expect(io.err.at(-1)).toMatch(/^dlspec run: 1 malformed case file: nothing was run/);
    const other = capture();
    expect(await runConformanceCommand(root, { loader: ['model'], case: 'other/*' }, other)).toBe(0);
    expect(other.err).toEqual([]);
    expect(other.out.at(-1)).toMatch(/^wrote reports\/latest.json, .* \(0 results\)$/);
  });
});
