import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDiffCommand } from '../../cli/diff-command.js';
import { diffRuns, readDiffInput } from './diff.js';

const here = (name: string): string => new URL(`fixtures/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dlspec-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(a: string, b: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  return { code: runDiffCommand(a, b, (l) => lines.push(l)), lines };
}

describe('dlspec diff', () => {
  it('prints verdict changes per clause × loader and per case × profile × loader', () => {
    const { code, lines } = run(here('diff-a.json'), here('diff-b.json'));
    expect(code).toBe(0);
    expect(lines).toEqual([
      'clauses: 3 change(s)',
      'dlmem.args.cookie            musl        ERROR → —',
      'dlmem.args.flags-unknown     musl        — → PASS',
      'dlmem.args.unaligned-buffer  host-glibc  PASS → FAIL',
      '',
      'cases: 3 change(s)',
      'dlmem/gone [dlmem-v9]       musl        ERROR → —',
      'dlmem/new [dlmem-v9]        musl        — → PASS',
      'dlmem/unaligned [dlmem-v9]  host-glibc  PASS → FAIL',
    ]);
  });

  it('finds no change between a file and itself', () => {
    const a = readDiffInput(here('diff-a.json'));
    if ('error' in a) throw new Error(a.error);
    expect(diffRuns(a, a)).toEqual({ clauses: [], cases: [] });
  });

  it('names the file that cannot be read', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "results": ');
    const notResults = join(dir, 'other.json');
    writeFileSync(notResults, '{ "rows": [] }');
    const badEntry = join(dir, 'entry.json');
    writeFileSync(badEntry, '{ "results": [{ "case": "x", "loader": "m", "verdict": "MAYBE", "clauses": [] }] }');
    expect(run(bad, here('diff-b.json')).lines[0]).toMatch(new RegExp(`^error: ${bad}: not valid JSON`));
    expect(run(here('diff-a.json'), notResults)).toEqual({ code: 1, lines: [`error: ${notResults}: not a dlspec results file (no "results" array)`] });
    expect(run(badEntry, join(dir, 'missing.json')).lines).toEqual([
      `error: ${badEntry}: results[0] is not a result (it needs case, loader, verdict and clauses)`,
      expect.stringMatching(new RegExp(`^error: ${join(dir, 'missing.json')}: cannot read it: ENOENT`)),
    ]);
  });
});
