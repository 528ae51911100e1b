import { describe, expect, it } from 'vitest';
import { fuzzElfCommand } from './fuzz-elf-command.js';

describe('dlspec fuzz-elf input', () => {
  it('refuses bad numbers, an unknown profile and --repro without --only before running anything', async () => {
    const lines: string[] = [];
    const code = await fuzzElfCommand('/nonexistent', { runs: '0', profile: 'dlmem-v10', repro: 'x.c', timeout: 'soon' }, (l) => lines.push(l));
    expect(code).toBe(2);
    expect(lines).toEqual([
      'error: --runs must be a positive integer',
      'error: --timeout must be a positive integer', 'error: --profile dlmem-v10 is not a profile',
      'error: --repro needs --only I: a repro is of one image',
    ]);
    const again: string[] = [];
    expect(await fuzzElfCommand('/nonexistent', { only: '-1' }, (l) => again.push(l))).toBe(2);
    expect(again).toEqual(['error: --only must be a non-negative integer']);
  });
});
