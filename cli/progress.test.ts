import { describe, expect, it } from 'vitest';
import type { ResultEntry } from '../conformance/report/types.js';
import { plainProgress } from './progress.js';

const pass = { verdict: 'PASS' } as ResultEntry;

describe('plainProgress', () => {
  it('prints a line at every tenth, and goes on at the tenths of a larger total planned later', () => {
    const lines: string[] = [];
    const p = plainProgress((l) => lines.push(l));
    p.plan(10);
    for (let i = 0; i < 10; i++) p.result(pass);
    expect(lines).toHaveLength(10);
    p.plan(110); // a mutation run plans its mutants' share after the unmutated run
    for (let i = 0; i < 100; i++) p.result(pass);
    expect(lines).toHaveLength(20);
    expect(lines.at(-1)).toBe('progress: 110/110 · PASS 110');
  });
});
