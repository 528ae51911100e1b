import { describe, expect, it } from 'vitest';
import type { ModelState, Region } from '../types/state.js';
import { initialState } from '../state/initial.js';
import { copyIn } from './copy-in.js';
import { malloc } from './malloc.js';
import { memfd } from './memfd.js';
import { memmove } from './memmove.js';
import { mmapAnon } from './mmap-anon.js';
import { mmapFile } from './mmap-file.js';
import { mprotect } from './mprotect.js';
import { munmap } from './munmap.js';
import { R, RW, memWorld, only, run, withFile } from './lib/testing.js';

const v9 = memWorld('dlmem-v9');
const branch = memWorld('dlmem-branch');
const v2 = memWorld('norelocate-v2');
const IMAGE = 0x2100; // the standard test image's last file byte (lib/image.ts)

function region(state: ModelState, id = 'src'): Region {
  const r = state.regions.get(id);
  if (r === undefined) throw new Error(`no region ${id}`);
  return r;
}

describe('mmap-file', () => {
  it('makes a virgin private file region covering the file (dlmem.source.virgin, dlmem.place.zero-copy)', () => {
    const o = only(run(mmapFile, initialState(), { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: R, shared: false }, v9));
    expect(o.firmness).toBe('specified');
    expect(o.cites).toEqual(['dlmem.source.virgin', 'dlmem.place.zero-copy']);
    expect(region(o.next)).toEqual({
      id: 'src', kind: 'file-private', length: IMAGE, content: { image: 'plain' }, contentAt: 0, aligned: true,
      prot: R, virgin: true, mapped: true, below4g: false,
    });
  });

  it('maps a container from an offset, keeping the file content before the region (contentAt < 0)', () => {
    const file = { container: 'plain', at: 8192 } as const;
    const o = only(run(mmapFile, initialState(), { type: 'mmap-file', as: 'c', file, offset: 4096, prot: R, shared: true }, v9));
    expect(o.cites).toEqual(['dlmem.source.shared']);
    expect(region(o.next, 'c')).toMatchObject({ kind: 'file-shared', length: 4096 + IMAGE, contentAt: -4096, virgin: false });
  });

  it('cites noreloc.setbase.caller-copy in a norelocate profile', () => {
    const o = only(run(mmapFile, initialState(), { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: R, shared: false }, v2));
    expect(o.cites).toEqual(['noreloc.setbase.caller-copy']);
  });
});

describe('anonymous, memfd and heap regions', () => {
  it('sizes an anonymous mapping from an image and marks MAP_32BIT', () => {
    const call = { type: 'mmap-anon', as: 'a', length: 'image', image: 'plain', prot: RW, shared: true, below4g: true } as const;
    const o = only(run(mmapAnon, initialState(), call, v9));
    expect(o.cites).toEqual(['dlmem.source.shared']);
    expect(region(o.next, 'a')).toMatchObject({ kind: 'anon-shared', length: IMAGE, content: null, below4g: true });
  });

  it('cites the profile\'s private anonymous clause', () => {
    const call = { type: 'mmap-anon', as: 'a', length: 8192, prot: RW, shared: false } as const;
    expect(only(run(mmapAnon, initialState(), call, v9)).cites).toEqual(['dlmem.source.anon-private']);
    expect(only(run(mmapAnon, initialState(), call, branch)).cites)
      .toEqual(['dlmem.source.anon-private-branch', 'dlmem.source.genbuf-any']);
  });

  it('makes a memfd a shared source (dlmem.source.shared)', () => {
    const o = only(run(memfd, initialState(), { type: 'memfd', as: 'm', content: { image: 'plain' }, prot: R }, v9));
    expect(o.cites).toEqual(['dlmem.source.shared']);
    expect(region(o.next, 'm')).toMatchObject({ kind: 'memfd-shared', content: { image: 'plain' }, length: IMAGE });
  });

  it('makes misaligned heap memory unaligned (dlmem.args.unaligned-buffer, dlmem.args.unaligned-genbuf)', () => {
    const call = { type: 'malloc', as: 'h', content: { image: 'plain' }, misalign: 16 } as const;
    const o = only(run(malloc, initialState(), call, branch));
    expect(region(o.next, 'h')).toMatchObject({ kind: 'heap', aligned: false, content: { image: 'plain' } });
    expect(o.cites).toEqual(['dlmem.source.anon-private-branch', 'dlmem.source.genbuf-any',
      'dlmem.args.unaligned-buffer', 'dlmem.args.unaligned-genbuf']);
    expect(only(run(malloc, initialState(), { type: 'malloc', as: 'h', content: { junk: 100 } }, v9)).next.regions.get('h'))
      .toMatchObject({ aligned: true, length: 100 });
  });
});

describe('changing a region', () => {
  const start = withFile(v9);

  it('copy-in replaces the content and ends virginity (dlmem.source.virgin, dlmem.source.release-after)', () => {
    const o = only(run(copyIn, start, { type: 'copy-in', region: 'src', content: { junk: 16 }, offset: 32 }, v9));
    expect(o.cites).toEqual(['dlmem.source.virgin', 'dlmem.source.release-after']);
    expect(region(o.next)).toMatchObject({ content: { junk: 16 }, contentAt: 32, virgin: false });
  });

  it('copy-in past the end is undefined behaviour', () => {
    const o = only(run(copyIn, start, { type: 'copy-in', region: 'src', content: { image: 'plain' }, offset: 1 }, v9));
    expect(o.firmness).toBe('undefined');
    expect(o.next).toBe(start);
  });

  it('mprotect ends virginity (dlmem.source.virgin, dlmem.args.size-beyond-buffer)', () => {
    const o = only(run(mprotect, start, { type: 'mprotect', region: 'src', prot: RW }, v9));
    expect(o.cites).toEqual(['dlmem.source.virgin', 'dlmem.args.size-beyond-buffer']);
    expect(region(o.next)).toMatchObject({ prot: RW, virgin: false });
  });

  it('memmove shifts the content and ends virginity', () => {
    const o = only(run(memmove, start, { type: 'memmove', region: 'src', shift: 4096 }, v9));
    expect(region(o.next)).toMatchObject({ contentAt: 4096, virgin: false });
    expect(only(run(memmove, start, { type: 'memmove', region: 'src', shift: IMAGE }, v9)).firmness).toBe('undefined');
  });

  it('munmap unmaps once and reports it (dlmem.source.release-after, dlmem.close.source-untouched)', () => {
    const o = only(run(munmap, start, { type: 'munmap', region: 'src' }, v9));
    expect(o.cites).toEqual(['dlmem.source.release-after', 'dlmem.close.source-untouched']);
    expect(o.effects).toEqual([{ kind: 'region-unmapped', region: 'src' }]);
    expect(region(o.next).mapped).toBe(false);
    const again = only(run(munmap, o.next, { type: 'munmap', region: 'src' }, v9));
    expect(again.effects).toEqual([]);
    expect(again.next).toBe(o.next);
  });

  it('touching an unknown or unmapped region is undefined behaviour', () => {
    for (const outcomes of [
      run(mprotect, start, { type: 'mprotect', region: 'nope', prot: R }, v9),
      run(munmap, start, { type: 'munmap', region: 'nope' }, v9),
      run(copyIn, only(munmap(start, { type: 'munmap', region: 'src' }, v9)).next,
        { type: 'copy-in', region: 'src', content: { junk: 1 } }, v9),
    ]) {
      const o = only(outcomes);
      expect(o.firmness).toBe('undefined');
      expect(o.ret).toEqual({ kind: 'any' });
      expect(o.gap).toMatch(/region 'nope'|unmapped/);
    }
  });
});
