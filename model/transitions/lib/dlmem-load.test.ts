import { describe, expect, it } from 'vitest';
import type { CallOf, DlmemArgs } from '../../types/calls.js';
import { dlmem } from '../dlmem.js';
import { citing, memWorld, only, run, withFile } from './testing.js';

const v9 = memWorld('dlmem-v9');
const NOW = { flags: ['RTLD_NOW'] } as const;

function call(args: DlmemArgs | null, patch: Partial<CallOf<'dlmem'>> = {}): CallOf<'dlmem'> {
  return { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'image', mode: NOW, args, ...patch };
}

describe('dlmem: premap', () => {
  const start = withFile(v9, { image: 'ctor' });

  it('calls a usable premap once, first, and places the object in its mapping (dlmem.premap.*)', () => {
    const o = only(run(dlmem, start, call({ premap: 'anon' }), v9));
    expect(o.firmness).toBe('specified');
    expect(o.effects.filter((e) => e.kind === 'premap-call')).toEqual([{ kind: 'premap-call', object: 1, maplength: 13056 }]);
    expect(o.effects[0]).toEqual({ kind: 'premap-call', object: 1, maplength: 13056 });
    expect(o.next.regions.get('premap:1')).toMatchObject({ kind: 'premap', length: 0x4000, aligned: true, mapped: true });
    expect(o.next.objects[1]).toMatchObject({ placement: { kind: 'premap', region: 'premap:1', kept: false }, backing: 'zero-copy-or-copy' });
    expect(o.next.objects[2]?.placement).toEqual({ kind: 'loader' });
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.premap.called-once', 'dlmem.premap.return-usable',
      'dlmem.premap.maplength', 'dlmem.args.cookie', 'dlmem.place.premap-base',
      'dlmem.premap.object-only', 'dlmem.place.premap-replaced', 'dlmem.place.zero-copy']));
  });

  it('keeps a shared premap mapping with DLMEM_DONTREPLACE (dlmem.place.dontreplace, dlmem.place.dontreplace-shared)', () => {
    const o = only(run(dlmem, start, call({ premap: 'memfd-shared', flags: ['DLMEM_DONTREPLACE'] }), v9));
    expect(o.next.objects[1]).toMatchObject({ placement: { kind: 'premap', region: 'premap:1', kept: true }, backing: 'premap-kept' });
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.place.dontreplace', 'dlmem.premap.dontreplace-copy', 'dlmem.place.dontreplace-shared']));
    expect(o.cites).not.toContain('dlmem.place.zero-copy');
  });

  it('puts a MAP_32BIT premap mapping below 4 GiB', () => {
    expect(only(run(dlmem, start, call({ premap: 'map32bit' }), v9)).next.regions.get('premap:1')?.below4g).toBe(true);
  });

  it('does not call premap when validation fails (dlmem.premap.not-called-invalid)', () => {
    // An unaligned buffer (dlmem.args.*), and a size of 128 bytes that cuts the program header table.
    for (const c of [call({ premap: 'anon' }, { buffer: { region: 'src', offset: 8 } }), call({ premap: 'anon' }, { size: 128 })]) {
      const o = only(run(dlmem, start, c, v9));
      expect(o.ret).toEqual({ kind: 'null' });
      expect(o.effects).toEqual([]);
      expect(o.next.regions.has('premap:1')).toBe(false);
    }
  });

  it('leaves MAP_FAILED and NULL returns open: fail or choose the address (dlmem.premap.return-map-failed, return-null)', () => {
    for (const [premap, clause] of [['map-failed', 'dlmem.premap.return-map-failed'], ['null', 'dlmem.premap.return-null']] as const) {
      const outcomes = run(dlmem, start, call({ premap }), v9);
      expect(outcomes.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'unspecified'], ['handle', 'unspecified']]);
      expect(citing(outcomes, clause)).toHaveLength(2);
      expect(outcomes.every((o) => o.effects[0]?.kind === 'premap-call' && !o.next.regions.has('premap:1'))).toBe(true);
      expect(outcomes[1]?.next.objects[1]?.placement).toEqual({ kind: 'loader' });
    }
  });

  it('leaves a misaligned return open, with the mapping kept or removed on failure (dlmem.premap.return-misaligned)', () => {
    const outcomes = run(dlmem, start, call({ premap: 'misaligned' }), v9);
    expect(outcomes.map((o) => [o.ret.kind, o.next.regions.get('premap:1')?.mapped])).toEqual([['null', true], ['null', false], ['handle', true]]);
    expect(citing(outcomes, 'dlmem.premap.return-misaligned')).toHaveLength(3);
    expect(citing(outcomes, 'dlmem.fail.premap-mapping')).toHaveLength(2);
    expect(outcomes[2]?.next.regions.get('premap:1')?.aligned).toBe(false);
  });

  it('makes a short mapping or a dl* call from premap undefined behaviour (dlmem.premap.return-short, no-dl-calls)', () => {
    expect(only(run(dlmem, start, call({ premap: 'short' }), v9))).toMatchObject({ firmness: 'undefined', cites: ['dlmem.premap.return-short'] });
    expect(only(run(dlmem, start, call({ premap: 'reentrant-dlopen' }), v9)).cites).toEqual(['dlmem.premap.no-dl-calls']);
  });

  it('leaves DLMEM_DONTREPLACE without premap open (dlmem.place.dontreplace-no-premap)', () => {
    const outcomes = run(dlmem, start, call({ flags: ['DLMEM_DONTREPLACE'] }), v9);
    expect(outcomes.map((o) => [o.ret.kind, o.firmness])).toEqual([['null', 'unspecified'], ['handle', 'unspecified']]);
    expect(outcomes[1]?.next.objects[1]?.backing).toBe('zero-copy-or-copy');
  });
});

describe('dlmem: dependencies and cleanup', () => {
  it('fails cleanly on a missing dependency (dlmem.deps.missing, dlmem.fail.clean)', () => {
    const o = only(run(dlmem, withFile(v9, { image: 'needs-missing' }), call(null), v9));
    expect(o).toMatchObject({ ret: { kind: 'null' }, error: { errno: 'ENOENT' }, firmness: 'specified' });
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.deps.missing', 'dlmem.fail.clean']));
    expect(o.next.objects.slice(1).every((x) => x.status === 'closed')).toBe(true);
    expect(o.next.events).toEqual([]);
  });

  it('fails cleanly on an undefined data symbol (dlmem.deps.undefined) and restores the namespace count', () => {
    const o = only(run(dlmem, withFile(v9, { image: 'undef-data' }), call({ nsid: 'LM_ID_NEWLM' }), v9));
    expect(o.cites).toEqual(expect.arrayContaining(['dlmem.deps.undefined', 'dlmem.fail.clean', 'base.dlopen.undefined-now']));
    expect(o.next.namespaces).toBe(1);
  });

  it('leaves the premap mapping\'s fate open after a failure (dlmem.fail.premap-mapping)', () => {
    const outcomes = run(dlmem, withFile(v9, { image: 'needs-missing' }), call({ premap: 'anon' }), v9);
    expect(outcomes.map((o) => [o.ret.kind, o.firmness, o.next.regions.get('premap:1')?.mapped]))
      .toEqual([['null', 'unspecified', true], ['null', 'unspecified', false]]);
    expect(outcomes[1]?.effects.at(-1)).toEqual({ kind: 'region-unmapped', region: 'premap:1' });
    expect(outcomes.every((o) => o.effects[0]?.kind === 'premap-call')).toBe(true);
  });
});

describe('dlmem: objects already loaded', () => {
  const first = only(dlmem(withFile(v9), call({ soname: 'libone.so' }), v9)).next;

  it('leaves de-duplication by soname open (dlmem.names.dedup-soname) and calls no premap for the old object', () => {
    const outcomes = run(dlmem, first, call({ soname: 'libone.so', premap: 'anon' }), v9);
    expect(outcomes.map((o) => [o.ret.kind, o.firmness])).toEqual([['handle', 'unspecified'], ['handle', 'unspecified']]);
    const [old, second] = outcomes;
    expect(old?.ret).toEqual({ kind: 'handle', object: 1 });
    expect(old?.next.objects[1]?.refs).toBe(2);
    expect(old?.effects).toEqual([]);
    expect(old?.cites).toEqual(expect.arrayContaining(['dlmem.names.dedup-soname', 'dlmem.premap.not-called-invalid']));
    expect(second?.ret).toEqual({ kind: 'handle', object: 3 });
  });

  it('never maps with RTLD_NOLOAD (dlmem.names.noload)', () => {
    const mode = { flags: ['RTLD_NOW', 'RTLD_NOLOAD'] } as const;
    const none = only(run(dlmem, withFile(v9), call({ soname: 'libone.so' }, { mode }), v9));
    expect(none).toMatchObject({ ret: { kind: 'null' }, firmness: 'specified', error: { kind: 'any' } });
    expect(none.cites).toEqual(['dlmem.names.noload', 'dlmem.args.handle', 'base.dlopen.noload']);
    const found = run(dlmem, first, call({ soname: 'libone.so' }, { mode }), v9);
    expect(found.map((o) => o.ret.kind)).toEqual(['handle', 'null']);
    expect(found.every((o) => o.next.objects.length === first.objects.length)).toBe(true);
  });

  it('leaves a second anonymous load of the same bytes open (dlmem.names.no-dedup-anonymous)', () => {
    const anon = only(dlmem(withFile(v9), call(null), v9)).next;
    const outcomes = run(dlmem, anon, call(null), v9);
    expect(outcomes.map((o) => o.ret)).toEqual([{ kind: 'handle', object: 1 }, { kind: 'handle', object: 3 }]);
    expect(citing(outcomes, 'dlmem.names.no-dedup-anonymous')).toHaveLength(2);
  });
});
