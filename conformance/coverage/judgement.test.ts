import { describe, expect, it } from 'vitest';
import { testWorld } from '../../model/testing/world.js';
import { collector, exploreCase } from './judgement.js';

describe('exploreCase', () => {
  it('collects the clauses the outcomes cite and the clauses their requirements judge, from the model alone', () => {
    const stats = { maxStates: 0, states: 0, ms: 0 };
    const into = collector(stats);
    const { model, judged } = into;
    const problem = exploreCase({ id: 'x/dlmem', steps: [
      { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: { r: true, w: false, x: false }, shared: false },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: { flags: ['RTLD_NOW'] }, args: null },
    ] }, testWorld('dlmem-v9'), into);
    expect(problem).toBeUndefined();
    // An outcome cites it, and a requirement derived from the outcome judges it.
    expect(model.has('dlmem.source.virgin')).toBe(true);
    // Only requirements cite these: the call returns, and the layout of the placed object.
    for (const c of ['base.call.returns', 'dlmem.elf.no-crash', 'dlmem.place.layout', 'dlmem.place.protections']) expect(judged.has(c)).toBe(true);
    expect(stats.maxStates).toBeGreaterThan(0);
    expect(stats.states).toBeGreaterThan(stats.maxStates); // two steps, each leaving one state or more
    // Judged from a read-only private file mapping, with nothing of another proposal before it.
    expect([...(into.sources.get('dlmem.place.layout') ?? [])]).toEqual(['file-r']);
    expect(into.alone.has('dlmem.place.layout')).toBe(true);
  });

  it('marks a clause judged only after an outcome the spec leaves open as not alone', () => {
    const into = collector();
    // A private anonymous source is unspecified in dlmem-v9: whatever follows rests on that open spot.
    exploreCase({ id: 'x/anon', steps: [
      { type: 'mmap-anon', as: 'src', length: 'image', image: 'plain', prot: { r: true, w: true, x: false }, shared: false },
      { type: 'copy-in', region: 'src', content: { image: 'plain' } },
      { type: 'dlmem', as: 'd', buffer: { region: 'src' }, size: 'region', mode: { flags: ['RTLD_NOW'] }, args: null },
      { type: 'dlsym', as: 'f', handle: 'd', symbol: 'ref1' },
    ] }, testWorld('dlmem-v9'), into);
    expect(into.judged.has('base.dlsym.found')).toBe(true);
    expect(into.alone.has('base.dlsym.found')).toBe(false);
    expect([...(into.sources.get('base.dlsym.found') ?? [])]).toEqual(['anon']);
  });

  it('names the case and step the model cannot run', () => {
    const problem = exploreCase({ id: 'x/bad', steps: [{ type: 'dlopen', as: 'h', file: 'no-such-fixture', mode: { flags: ['RTLD_NOW'] } }] },
      testWorld('dlmem-v9'), collector());
    expect(problem).toMatch(/^x\/bad \[dlmem-v9\] step 1: the model cannot run it/);
  });
});
