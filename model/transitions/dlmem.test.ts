import { describe, expect, it } from 'vitest';
import type { CallOf } from '../types/calls.js';
import type { ModelState } from '../types/state.js';
import { initialState } from '../state/initial.js';
import { dlmem } from './dlmem.js';
import { malloc } from './malloc.js';
import { memfd } from './memfd.js';
import { mmapAnon } from './mmap-anon.js';
import { copyIn } from './copy-in.js';
import { mprotect } from './mprotect.js';
import { R, RW, citing, memWorld, only, run, withFile } from './lib/testing.js';
import { sampleFacts } from '../world/sample.js';

const v9 = memWorld('dlmem-v9');
const branch = memWorld('dlmem-branch');
const NOW = { flags: ['RTLD_NOW'] } as const;

function call(patch: Partial<CallOf<'dlmem'>> = {}): CallOf<'dlmem'> {
  return { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'image', mode: NOW, args: null, ...patch };
}

describe('dlmem: a virgin private file mapping', () => {
  const start = withFile(v9, { image: 'ctor' });
  const o = only(run(dlmem, start, call(), v9));

  it('loads the object with its dependencies, constructors last, and binds the handle', () => {
    expect(o.firmness).toBe('specified');
    expect(o.ret).toEqual({ kind: 'handle', object: 1 });
    expect(o.value).toEqual({ kind: 'handle', object: 1 });
    expect(o.next.vars.get('h')).toEqual({ kind: 'handle', object: 1 });
    expect(o.effects).toEqual([
      { kind: 'mapped', object: 1 }, { kind: 'mapped', object: 2 },
      { kind: 'relocated', object: 2 }, { kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 },
    ]);
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.args.handle', 'dlmem.args.null-args', 'dlmem.args.nsid-base',
      'dlmem.deps.loaded', 'dlmem.deps.ctors-order', 'dlmem.args.mode-as-dlopen', 'dlmem.elf.dlopen-equivalence']));
  });

  it('names it \'\' and backs it by zero-copy or a copy (dlmem.names.anonymous, dlmem.place.zero-copy)', () => {
    expect(o.next.objects[1]).toMatchObject({ image: 'ctor', name: '', via: 'dlmem', ns: 0, backing: 'zero-copy-or-copy',
      placement: { kind: 'loader' }, status: 'relocated' });
    expect(o.next.objects[2]).toMatchObject({ image: 'plain', via: 'dependency', backing: 'file' });
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.names.anonymous', 'dlmem.place.zero-copy',
      'dlmem.place.file-offsets', 'dlmem.source.virgin']));
  });

  it('leaves the source region as it was (dlmem.source.bytes-unchanged, dlmem.source.protections-unchanged)', () => {
    expect(o.next.regions.get('src')).toBe(start.regions.get('src'));
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.source.bytes-unchanged', 'dlmem.source.protections-unchanged']));
  });

  it('names the object by dlm_args->soname (dlmem.names.soname) and cites zero args', () => {
    const named = only(run(dlmem, start, call({ args: { soname: 'libmine.so' } }), v9));
    expect(named.next.objects[1]?.name).toBe('libmine.so');
    expect(named.cites).toContain('dlmem.names.soname');
    expect(only(run(dlmem, start, call({ args: {} }), v9)).cites).toContain('dlmem.args.zero-args');
  });
});

describe('dlmem: argument validation', () => {
  const start = withFile(v9);

  it('leaves buffer == NULL unspecified (dlmem.args.null-buffer)', () => {
    const o = only(run(dlmem, start, call({ buffer: null }), v9));
    expect(o).toMatchObject({ firmness: 'unspecified', ret: { kind: 'any' }, cites: ['dlmem.args.null-buffer'] });
    expect(o.next.vars.get('h')).toEqual({ kind: 'unknown' });
  });

  it('makes an unreadable, unknown or too short buffer undefined behaviour (dlmem.args.size-beyond-buffer)', () => {
    const noRead = only(mprotect(start, { type: 'mprotect', region: 'src', prot: { r: false, w: false, x: false } }, v9)).next;
    for (const [state, c] of [[start, call({ buffer: { region: 'nope' } })], [noRead, call()],
      [start, call({ size: 0x3000 })], [start, call({ buffer: { region: 'src', offset: 0x9000 } })]] as const) {
      const o = only(run(dlmem, state, c, v9));
      expect(o.firmness).toBe('undefined');
      expect(o.cites).toEqual(['dlmem.args.size-beyond-buffer']);
    }
  });

  it('rejects a mode without binding with EINVAL or loads it lazily (dlmem.args.mode-invalid, base.dlopen.mode-binding)', () => {
    const outcomes = run(dlmem, start, call({ mode: { flags: ['RTLD_GLOBAL'] } }), v9);
    expect(outcomes).toHaveLength(2);
    const [fail, load] = outcomes;
    expect(fail).toMatchObject({ ret: { kind: 'null' }, error: { errno: 'EINVAL' }, firmness: 'implementation-defined' });
    expect(fail?.cites).toEqual(['dlmem.args.mode-invalid', 'base.dlopen.mode-binding']);
    expect(fail?.next.vars.get('h')).toEqual({ kind: 'null' });
    expect(load?.firmness).toBe('implementation-defined');
    expect(load?.next.objects[1]?.mode.flags).toEqual(['RTLD_LAZY', 'RTLD_GLOBAL']);
  });

  it('treats RTLD_NORELOCATE as an unknown mode bit in a dlmem profile (base.dlopen.mode-unknown-bits)', () => {
    const outcomes = run(dlmem, start, call({ mode: { flags: ['RTLD_NOW', 'RTLD_NORELOCATE'] } }), v9);
    expect(outcomes.map((o) => o.ret.kind)).toEqual(['null', 'handle']);
    expect(outcomes[0]?.cites).toContain('base.dlopen.mode-unknown-bits');
    expect(outcomes[1]?.next.objects[1]?.status).toBe('relocated');
  });

  it('gives RTLD_NORELOCATE in dlmem\'s mode both answers in a norelocate profile (noreloc.lifecycle.with-dlmem)', () => {
    const world = memWorld('norelocate-v2');
    const outcomes = dlmem(withFile(world), call({ mode: { flags: ['RTLD_NOW', 'RTLD_NORELOCATE'] } }), world);
    expect(outcomes.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'unspecified'], ['handle', 'unspecified']]);
    expect(outcomes.every((o) => o.cites.includes('noreloc.lifecycle.with-dlmem') && o.gap !== undefined)).toBe(true);
    expect(outcomes[1]?.next.objects[1]?.status).toBe('unrelocated');
  });

  it('rejects an unaligned buffer without DLMEM_GENBUF_SRC with EINVAL (dlmem.args.unaligned-buffer)', () => {
    const o = only(run(dlmem, start, call({ buffer: { region: 'src', offset: 16 }, size: 64 }), v9));
    expect(o).toMatchObject({ ret: { kind: 'null' }, error: { errno: 'EINVAL' }, firmness: 'specified' });
    expect(o.cites).toEqual(['dlmem.args.unaligned-buffer']);
    expect(o.next.dlerror).toEqual({ errno: 'EINVAL', cites: ['dlmem.args.unaligned-buffer'] });
  });

  it('accepts an unaligned heap buffer with DLMEM_GENBUF_SRC on the branch and copies it', () => {
    const heap = only(malloc(initialState(), { type: 'malloc', as: 'src', content: { image: 'plain' }, misalign: 8 }, branch)).next;
    const o = only(run(dlmem, heap, call({ args: { flags: ['DLMEM_GENBUF_SRC'] } }), branch));
    expect(o.firmness).toBe('specified');
    expect(o.next.objects[1]?.backing).toBe('copy');
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.args.unaligned-genbuf', 'dlmem.source.genbuf-any', 'dlmem.place.genbuf-copy']));
  });

  it('fails a size smaller than an ELF header without an error number (dlmem.args.size-zero)', () => {
    for (const size of [0, 63]) {
      const o = only(run(dlmem, start, call({ size }), v9));
      expect(o).toMatchObject({ ret: { kind: 'null' }, error: { errno: 'unspecified' }, cites: ['dlmem.args.size-zero'] });
    }
  });

  it('leaves unknown flag bits open: EINVAL or ignored (dlmem.args.flags-unknown)', () => {
    const outcomes = run(dlmem, start, call({ args: { extraFlagBits: 0x100 } }), v9);
    expect(outcomes.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'unspecified'], ['handle', 'unspecified']]);
    expect(outcomes[0]?.error).toEqual({ kind: 'error', errno: 'EINVAL' });
    expect(citing(outcomes, 'dlmem.args.flags-unknown')).toHaveLength(2);
    const genbufInV9 = run(dlmem, start, call({ args: { flags: ['DLMEM_GENBUF_SRC'] } }), v9);
    expect(citing(genbufInV9, 'dlmem.args.flags-unknown')).toHaveLength(2);
    expect(genbufInV9[1]?.next.objects[1]?.backing).toBe('zero-copy-or-copy');
  });

  it('loads into a new, an existing or the base namespace and rejects others (dlmem.args.nsid-*)', () => {
    const fresh = only(run(dlmem, start, call({ args: { nsid: 'LM_ID_NEWLM' } }), v9));
    expect(fresh.next.objects[1]?.ns).toBe(1);
    expect(fresh.next.namespaces).toBe(2);
    expect(fresh.cites).toContain('dlmem.args.nsid-newlm');
    const bound: ModelState = { ...fresh.next, vars: new Map([['ns', { kind: 'ns', ns: 1 }]]) };
    const named = withFile(v9, { image: 'ctor' }, 'other');
    const existing = only(run(dlmem, { ...bound, regions: named.regions },
      call({ buffer: { region: 'other' }, args: { nsid: { var: 'ns' } } }), v9));
    expect(existing.next.objects[3]).toMatchObject({ image: 'ctor', ns: 1 });
    expect(existing.next.objects[4]).toMatchObject({ image: 'plain', ns: 1, via: 'dependency' });
    expect(existing.cites).toContain('dlmem.args.nsid-existing');
    const invalid = only(run(dlmem, start, call({ args: { nsid: { raw: 7 } } }), v9));
    expect(invalid).toMatchObject({ ret: { kind: 'null' }, error: { errno: 'EINVAL' }, cites: ['dlmem.args.nsid-invalid'] });
  });
});

describe('dlmem: the source kinds', () => {
  it('loads from shared memory: a memfd, or anonymous shared memory, its pages mapped or copied (dlmem.source.shared)', () => {
    const fd = only(memfd(initialState(), { type: 'memfd', as: 'src', content: { image: 'plain' }, prot: R }, v9)).next;
    const o = only(run(dlmem, fd, call(), v9));
    expect(o.cites).toContain('dlmem.source.shared');
    const anon = only(mmapAnon(initialState(), { type: 'mmap-anon', as: 'src', length: 16384, prot: RW, shared: true }, v9)).next;
    const filled = only(copyIn(anon, { type: 'copy-in', region: 'src', content: { image: 'plain' } }, v9)).next;
    const shared = only(run(dlmem, filled, call(), v9));
    // Zero-copy may leave the object's pages mappings of the shared memory (dlmem.source.shared-later-writes).
    expect(shared.cites).toContain('dlmem.source.shared');
    expect(shared.next.objects[1]?.backing).toBe('zero-copy-or-copy');
  });

  it('cites dlmem.args.size-bounds when size runs past the image inside the buffer', () => {
    const anon = only(mmapAnon(initialState(), { type: 'mmap-anon', as: 'src', length: 16384, prot: RW, shared: true }, v9)).next;
    const filled = only(copyIn(anon, { type: 'copy-in', region: 'src', content: { image: 'plain' } }, v9)).next;
    expect(only(run(dlmem, filled, call({ size: 'region' }), v9)).cites).toContain('dlmem.args.size-bounds');
  });

  it('leaves a non-virgin private file mapping unspecified (dlmem.source.non-virgin)', () => {
    const start = only(mprotect(withFile(v9), { type: 'mprotect', region: 'src', prot: R }, v9)).next;
    const outcomes = run(dlmem, start, call(), v9);
    expect(outcomes.map((o) => o.ret.kind)).toEqual(['null', 'any', 'handle']);
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('dlmem.source.non-virgin'))).toBe(true);
    expect(outcomes.every((o) => o.next.regions.get('src') === start.regions.get('src'))).toBe(true);
  });

  it('leaves heap memory unspecified in v9 (dlmem.source.anon-private)', () => {
    const heap = only(malloc(initialState(), { type: 'malloc', as: 'src', content: { image: 'plain' } }, v9)).next;
    const outcomes = run(dlmem, heap, call(), v9);
    expect(outcomes.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'unspecified'], ['handle', 'unspecified']]);
    expect(citing(outcomes, 'dlmem.source.anon-private')).toHaveLength(2);
  });
});

describe('dlmem: the image', () => {
  const fail = (world = v9, content: Parameters<typeof withFile>[1] = { image: 'plain' }, c = call()) => run(dlmem, withFile(world, content), c, world);

  it('rejects bytes without an ELF header (dlmem.elf.bad-magic)', () => {
    const o = only(fail(v9, { junk: 8192 }, call({ size: 'region' })));
    expect(o).toMatchObject({ ret: { kind: 'null' }, firmness: 'specified' });
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.elf.bad-magic', 'dlmem.elf.dlopen-equivalence', 'dlmem.fail.clean']));
  });

  it('rejects a size that cuts the ELF header or the program header table (dlmem.elf.truncated)', () => {
    // 64 bytes hold the ELF header but not the program headers after it; 128 cut the table.
    for (const size of [64, 128]) {
      const o = only(fail(v9, { image: 'plain' }, call({ size })));
      expect(o).toMatchObject({ ret: { kind: 'null' }, firmness: 'specified', effects: [] });
      expect(o.cites).toEqual(expect.arrayContaining(['dlmem.elf.truncated', 'dlmem.args.size-bounds', 'dlmem.fail.clean']));
    }
  });

  it('leaves a size that cuts a PT_LOAD file range open: fail, or load (dlmem.elf.load-past-size)', () => {
    // 4096 bytes keep the headers but end inside the first PT_LOAD (file range [0, 0x1200)).
    const outcomes = fail(v9, { image: 'plain' }, call({ size: 4096 }));
    expect(outcomes.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'unspecified'], ['handle', 'unspecified']]);
    expect(citing(outcomes, 'dlmem.elf.load-past-size')).toHaveLength(2);
    expect(outcomes.every((o) => o.gap !== undefined)).toBe(true);
    expect(outcomes[0]?.effects).toEqual([]);
    expect(outcomes[0]?.next.objects).toHaveLength(1);
  });

  it('loads a size shorter than the file that keeps the headers and every PT_LOAD range as the whole file would (dlmem.elf.truncated)', () => {
    // 'long' is plain with section headers after its last PT_LOAD: a file of 0x3000 bytes whose
    // headers and PT_LOAD file ranges end at 0x2100 (size: 'needed').
    const images = new Map(v9.images);
    images.set('long', { ...sampleFacts({ name: 'long', functions: { ref1: 42 } }), fileSize: 0x3000 });
    const world = { ...v9, images, byFileName: new Map([...images.values()].map((f) => [f.fileName, f.name])) };
    const whole = only(fail(world, { image: 'long' }, call({ size: 'image' })));
    const cut = only(fail(world, { image: 'long' }, call({ size: 'needed' })));
    expect(cut).toMatchObject({ ret: { kind: 'handle', object: 1 }, firmness: 'specified' });
    expect(cut.cites).toEqual(expect.arrayContaining(['dlmem.elf.truncated', 'dlmem.args.size-bounds', 'dlmem.elf.dlopen-equivalence']));
    expect(cut.cites).not.toContain('dlmem.elf.load-past-size');
    expect(cut.effects).toEqual(whole.effects);
    expect(cut.next.objects).toEqual(whole.next.objects);
    // One byte less cuts the last PT_LOAD file range.
    expect(citing(fail(world, { image: 'long' }, call({ size: 0x2100 - 1 })), 'dlmem.elf.load-past-size')).toHaveLength(2);
  });

  it('rejects a normative defect and leaves the implementation-defined and unspecified ones two ways', () => {
    expect(only(fail(v9, { image: 'bad-machine' }, call({ size: 'region' }))).cites).toContain('dlmem.elf.wrong-machine');
    const noDyn = fail(v9, { image: 'no-dyn' }, call({ size: 'region' }));
    expect(noDyn.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'implementation-defined'], ['handle', 'implementation-defined']]);
    expect(citing(noDyn, 'dlmem.elf.no-dynamic')).toHaveLength(2);
    const overlap = fail(v9, { image: 'overlap' }, call({ size: 'region' }));
    expect(overlap.map((o) => o.firmness)).toEqual(['unspecified', 'unspecified']);
  });

  it('leaves an oddity a loader\'s dlopen may reject (a bad e_ident) two ways, as dlopen on that loader does', () => {
    const out = fail(v9, { image: 'odd' }, call({ size: 'region' }));
    expect(out.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'unspecified'], ['handle', 'unspecified']]);
    expect(citing(out, 'dlmem.elf.dlopen-equivalence')).toHaveLength(2);
    expect(out[0]?.gap).toContain('bad-ident');
  });

  it('leaves a dynamic table outside the image two ways: dlmem.elf.no-crash forbids only a crash', () => {
    const out = fail(v9, { image: 'dyn-out' }, call({ size: 'region' }));
    expect(out.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'unspecified'], ['handle', 'unspecified']]);
    expect(citing(out, 'dlmem.elf.no-crash')).toHaveLength(2);
  });

  it('lets a PIE or an executable stack be rejected or loaded (dlmem.elf.not-dyn, dlmem.elf.exec-stack)', () => {
    for (const [image, clause] of [['pie', 'dlmem.elf.not-dyn'], ['execstack', 'dlmem.elf.exec-stack']] as const) {
      const outcomes = fail(v9, { image });
      expect(outcomes.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'implementation-defined'], ['handle', 'implementation-defined']]);
      expect(citing(outcomes, clause)).toHaveLength(2);
    }
  });
});
