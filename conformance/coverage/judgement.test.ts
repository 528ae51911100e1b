import { describe, expect, it } from 'vitest';
import { testWorld } from '../../model/testing/world.js';
import { exploreCase } from './judgement.js';

describe('exploreCase', () => {
  it('collects the clauses the outcomes cite and the clauses their requirements judge, from the model alone', () => {
    const model = new Set<string>();
    const judged = new Set<string>();
    const stats = { maxStates: 0 };
    const problem = exploreCase({ id: 'x/dlmem', steps: [
      { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: { r: true, w: false, x: false }, shared: false },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: { flags: ['RTLD_NOW'] }, args: null },
    ] }, testWorld('dlmem-v9'), model, judged, stats);
    expect(problem).toBeUndefined();
    // An outcome cites it, and a requirement derived from the outcome judges it.
    expect(model.has('dlmem.source.virgin')).toBe(true);
    // Only requirements cite these: the call returns, and the layout of the placed object.
    for (const c of ['base.call.returns', 'dlmem.elf.no-crash', 'dlmem.place.layout', 'dlmem.place.protections']) expect(judged.has(c)).toBe(true);
    expect(stats.maxStates).toBeGreaterThan(0);
  });

  it('names the case and step the model cannot run', () => {
    const problem = exploreCase({ id: 'x/bad', steps: [{ type: 'dlopen', as: 'h', file: 'no-such-fixture', mode: { flags: ['RTLD_NOW'] } }] },
      testWorld('dlmem-v9'), new Set(), new Set());
    expect(problem).toMatch(/^x\/bad \[dlmem-v9\] step 1: the model cannot run it/);
  });
});
