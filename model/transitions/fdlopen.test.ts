import { describe, expect, it } from 'vitest';
import { initialState } from '../state/initial.js';
import { dlopenWithOffset } from './dlopen-with-offset.js';
import { fdlopen } from './fdlopen.js';
import { citing, memWorld, only, run } from './lib/testing.js';
import { TEMP_SOURCE } from './lib/via-dlmem.js';

const v9 = memWorld('dlmem-v9');
const NOW = { flags: ['RTLD_NOW'] } as const;

describe('fdlopen', () => {
  it('is dlmem of a private read-only mapping of the whole file (fdlopen.def.*)', () => {
    const o = only(run(fdlopen, initialState(), { type: 'fdlopen', as: 'h', file: { image: 'ctor' }, mode: NOW }, v9));
    expect(o).toMatchObject({ ret: { kind: 'handle', object: 1 }, firmness: 'specified' });
    expect(o.next.objects[1]).toMatchObject({ name: '', via: 'dlmem', backing: 'zero-copy-or-copy' });
    expect(o.next.regions.has(TEMP_SOURCE)).toBe(false);
    expect(o.next.vars.get('h')).toEqual({ kind: 'handle', object: 1 });
    expect(o.cites).toEqual(expect.arrayContaining(['fdlopen.def.mapping', 'fdlopen.def.name', 'fdlopen.def.maps-file',
      'fdlopen.def.fd-kept', 'dlmem.source.virgin', 'dlmem.args.null-args']));
  });

  it('fails as dlmem does on a file that is not an image', () => {
    const o = only(run(fdlopen, initialState(), { type: 'fdlopen', as: 'h', file: { container: 'plain', at: 512 }, mode: NOW }, v9));
    expect(o.ret).toEqual({ kind: 'null' });
    expect(o.cites).toEqual(expect.arrayContaining(['fdlopen.def.mapping', 'dlmem.elf.bad-magic']));
    expect(o.cites).not.toContain('fdlopen.def.name');
  });

  it('leaves an unmappable file\'s dlerror() open (fdlopen.def.unmappable)', () => {
    const outcomes = run(fdlopen, initialState(), { type: 'fdlopen', as: 'h', file: { junk: 0 }, mode: NOW }, v9);
    expect(outcomes.map((o) => [o.ret.kind, o.error.kind, o.firmness])).toEqual([['null', 'none', 'unspecified'], ['null', 'error', 'unspecified']]);
    expect(outcomes.every((o) => o.next.vars.get('h')?.kind === 'null')).toBe(true);
  });

  it('leaves a second fdlopen of the same file open (fdlopen.def.same-file-twice)', () => {
    const once = only(fdlopen(initialState(), { type: 'fdlopen', file: { image: 'plain' }, mode: NOW }, v9)).next;
    const twice = run(fdlopen, once, { type: 'fdlopen', file: { image: 'plain' }, mode: NOW }, v9);
    expect(twice).toHaveLength(2);
    expect(citing(twice, 'fdlopen.def.same-file-twice')).toHaveLength(2);
  });
});

describe('dlopen_with_offset', () => {
  it('maps an aligned offset from the file (dlopen-offset.def.aligned, dlopen-offset.def.container)', () => {
    const o = only(run(dlopenWithOffset, initialState(),
      { type: 'dlopen-with-offset', as: 'h', container: 'plain', offset: 8192, length: 'image', mode: NOW }, v9));
    expect(o.ret).toEqual({ kind: 'handle', object: 1 });
    expect(o.next.objects[1]?.backing).toBe('zero-copy-or-copy');
    expect(o.cites).toEqual(expect.arrayContaining(['dlopen-offset.def.aligned', 'dlopen-offset.def.container', 'dlmem.source.virgin']));
    expect(o.next.regions.size).toBe(0);
  });

  it('copies an unaligned image into shared anonymous memory (dlopen-offset.def.unaligned)', () => {
    const o = only(run(dlopenWithOffset, initialState(),
      { type: 'dlopen-with-offset', as: 'h', container: 'plain', offset: 512, length: 'image', mode: NOW }, v9));
    expect(o.ret).toEqual({ kind: 'handle', object: 1 });
    // dlmem then loads from that shared memory, mapping or copying its pages (dlmem.source.shared).
    expect(o.next.objects[1]?.backing).toBe('zero-copy-or-copy');
    expect(o.cites).toEqual(expect.arrayContaining(['dlopen-offset.def.unaligned', 'dlmem.source.shared']));
  });

  it('gives NULL for a range past the end of the file (dlopen-offset.def.past-eof)', () => {
    const o = only(run(dlopenWithOffset, initialState(),
      { type: 'dlopen-with-offset', as: 'h', container: 'plain', offset: 512, length: 0x10000, mode: NOW }, v9));
    expect(o).toMatchObject({ ret: { kind: 'null' }, firmness: 'unspecified', cites: ['dlopen-offset.def.past-eof'] });
  });
});
