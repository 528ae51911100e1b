import { describe, expect, it } from 'vitest';
import { fuzzLoader } from './loader.js';
import { runFuzz } from './run.js';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('dlspec fuzz on the host glibc', () => {
  it('runs generated sequences in child processes, each judged by the oracle, without an ERROR', async () => {
    const set = await fuzzLoader(ROOT, 'host-glibc', [], undefined);
    if ('problem' in set) throw new Error(set.problem);
    // The host has neither proposal: the baseline calls of the dlmem-v9 alphabet.
    expect(set.profile).toBe('dlmem-v9');
    expect(set.loader.allows({ type: 'dlmem', buffer: null, size: 1, mode: { flags: [] }, args: null })).toBe(false);
    const seen: string[] = [];
    const out = await runFuzz(set.loader, { profile: set.profile, seed: 3, runs: 12, onRun: (r) => seen.push(r.verdict) });
    expect(out.runs).toBe(12);
    expect(seen.length).toBe(12);
    expect(out.verdicts['ERROR'] ?? 0).toBe(0);
    expect((out.verdicts['PASS'] ?? 0) + (out.verdicts['UNSPECIFIED'] ?? 0)).toBeGreaterThan(0);
  }, 120_000);
});
