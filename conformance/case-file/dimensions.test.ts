import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../build/cache.js';
import type { CaseDef } from './case.js';
import { parseDimensions } from './dimensions.js';
import { loadCases } from './discover.js';
import { expandCase } from './expand.js';

const R = { r: true, w: false, x: false } as const;
const base = (steps: CaseDef['steps'], dimensions: CaseDef['dimensions']): CaseDef =>
  ({ id: 'dlmem/t', description: '', clauses: [], features: ['dlmem'], profiles: ['dlmem-branch'], steps, file: 'x', dimensions });
const load: CaseDef['steps'] = [
  { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: R, shared: false },
  { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: { flags: ['RTLD_NOW'] }, args: null },
];

describe('case dimensions', () => {
  it('parse "all" or a list of known values, naming what is wrong', () => {
    expect(parseDimensions({ source: 'all' })).toMatchObject({ dimensions: { source: ['file-r', 'file-rw', 'file-shared', 'anon', 'anon-shared', 'heap', 'memfd', 'container'] } });
    expect(parseDimensions({ sorce: 'all', genbuf: ['maybe'] })).toEqual({ problems: [
      'dimensions: unknown dimension "sorce" (expected one of source, genbuf, premap, mode, namespace)',
      'dimensions.genbuf: "maybe" is not one of no, yes',
    ] });
  });

  it('expand a case into one variant per combination; the one as written keeps its id', () => {
    const parsed = parseDimensions({ source: 'all', genbuf: 'all' });
    if (!('dimensions' in parsed)) throw new Error('valid dimensions');
    const variants = expandCase(base(load, parsed.dimensions));
    expect(variants.map((v) => v.id)).toContain('dlmem/t');
    expect(variants.map((v) => v.id)).toContain('dlmem/t[source=heap,genbuf=yes]');
    expect(variants).toHaveLength(16);
    const memfd = variants.find((v) => v.id === 'dlmem/t[source=memfd]');
    expect(memfd?.steps[0]).toEqual({ type: 'memfd', as: 'src', content: { image: 'plain' }, prot: R });
    expect(memfd?.variant).toEqual({ values: { source: 'memfd', genbuf: 'no' }, of: 'dlmem/t' });
    const container = variants.find((v) => v.id === 'dlmem/t[source=container,genbuf=yes]');
    expect(container?.steps[1]).toMatchObject({ buffer: { region: 'src', offset: 4096 }, size: 'image', args: { flags: ['DLMEM_GENBUF_SRC'] } });
    expect(variants.find((v) => v.id === 'dlmem/t[source=anon]')?.steps.map((s) => s.type)).toEqual(['mmap-anon', 'copy-in', 'dlmem']);
  });

  it('leave out the combinations a case cannot take: heap memory it unmaps, a container of another image', () => {
    const unmapped = expandCase(base([...load, { type: 'munmap', region: 'src' }], { source: ['file-r', 'heap', 'memfd'] }));
    expect(unmapped.map((v) => v.id)).toEqual(['dlmem/t', 'dlmem/t[source=memfd]']);
    const ctor = expandCase(base([{ ...load[0], file: { image: 'ctor' } } as CaseDef['steps'][number], load[1] as CaseDef['steps'][number]], { source: ['container'] }));
    expect(ctor.map((v) => v.id)).toEqual(['dlmem/t']);
  });

  it('are expanded by loadCases, and a glob may name one variant', () => {
    const all = loadCases(REPO_ROOT, 'dlmem/names-origin').flatMap((r) => (r.ok ? [r.case.id] : []));
    expect(all.length).toBeGreaterThan(8);
    expect(all).toContain('dlmem/names-origin[source=heap,genbuf=yes]');
    expect(loadCases(REPO_ROOT, 'dlmem/names-origin[source=heap,genbuf=yes]').flatMap((r) => (r.ok ? [r.case.id] : []))).toEqual(['dlmem/names-origin[source=heap,genbuf=yes]']);
  });
});
