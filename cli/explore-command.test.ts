import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreCommand } from './explore-command.js';
import { fuzzCommand } from './fuzz-command.js';

describe('dlspec explore', () => {
  it('names every bad option before anything runs', async () => {
    const lines: string[] = [];
    const code = await exploreCommand('/nonexistent', { profile: ['dlmem-v10'], depth: 'six', maxHandles: '0' }, (l) => lines.push(l));
    expect(code).toBe(2);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringContaining('--depth must be a whole number'), expect.stringContaining('--max-handles must be a whole number of at least 1'),
      expect.stringContaining('unknown profile "dlmem-v10"'),
    ]));
  });

  it('writes the corner cases of each profile and their comparison', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dlspec-explore-'));
    try {
      const lines: string[] = [];
      const code = await exploreCommand(root, { profile: [], compare: ['norelocate-v1', 'norelocate-v2'], depth: '2', jobs: '1' }, (l) => lines.push(l));
      expect(code).toBe(0);
      const v2 = JSON.parse(readFileSync(join(root, 'reports/corner-cases-norelocate-v2.json'), 'utf8')) as { depth: number; corners: unknown[] };
      expect(v2.depth).toBe(2);
      expect(v2.corners.length).toBeGreaterThan(0);
      const md = readFileSync(join(root, 'reports/corner-cases-norelocate-v1-vs-norelocate-v2.md'), 'utf8');
      expect(md).toContain('## Opened by norelocate-v2');
      expect(lines.at(-1)).toMatch(/norelocate-v2 relative to norelocate-v1: \d+ opened, \d+ closed, \d+ shared/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('dlspec fuzz', () => {
  it('names every bad option before anything runs', async () => {
    const lines: string[] = [];
    const code = await fuzzCommand('/nonexistent', { libc: [], runs: '0', maxLetters: 'x', seed: '1.5', save: false }, (l) => lines.push(l));
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(/--runs must be a positive whole number[\s\S]*--max-letters[\s\S]*--seed must be an integer[\s\S]*give --loader/);
  });
});
