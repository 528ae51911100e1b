import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readElf } from '../../model/elf/index.js';
import { readHeader, readPhdrs, PT_LOAD } from './elf64.js';
import { buildFixtures, type FixtureSet } from './fixtures.js';
import { ABSURD_MEMSZ, CONTAINER_TAIL, generateImage, junkBytes, MISALIGN_SHIFT } from './generated.js';
import type { GeneratedFixture, GeneratedKind } from './manifest.js';

let set: FixtureSet;
let plain: Uint8Array;
let ctor: Uint8Array;
beforeAll(async () => {
  const r = await buildFixtures({ cc: 'cc' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  set = r;
  const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(r.fixtures.find((f) => f.name === name)?.path ?? ''));
  plain = bytes('plain');
  ctor = bytes('ctor');
}, 120_000);

const spec = (generator: GeneratedKind, extra: Partial<GeneratedFixture> = {}): GeneratedFixture => ({
  kind: 'generated', name: generator, file: `libdlspec-${generator}.so`, generator, from: 'plain',
  facts: { functions: {}, data: {}, reportsCtor: false, reportsDtor: false }, ...extra,
});
const make = (generator: GeneratedKind, extra: Partial<GeneratedFixture> = {}, source = plain): Uint8Array => {
  const r = generateImage(spec(generator, extra), source);
  if (!r.ok) throw new Error(r.problem);
  return r.bytes;
};

describe('generated fixtures', () => {
  it('junk is deterministic, seed-dependent and never starts like ELF', () => {
    expect(junkBytes('a', 64)).toEqual(junkBytes('a', 64));
    expect(junkBytes('a', 64)).not.toEqual(junkBytes('b', 64));
    expect(junkBytes('a', 64)[0]).toBe(0);
  });

  it('containers hold the image at the offset between junk', () => {
    const c = make('container', { offset: 512 });
    expect(c.length).toBe(512 + plain.length + CONTAINER_TAIL);
    expect(c.subarray(512, 512 + plain.length)).toEqual(plain);
    expect(c.subarray(0, 64).some((b) => b !== 0)).toBe(true);
    expect(c.subarray(512 + plain.length).some((b) => b !== 0)).toBe(true);
    const built = readFileSync(set.fixtures.find((f) => f.name === 'container-512')?.path ?? '');
    expect(new Uint8Array(built)).toEqual(make('container', { name: 'container-512', offset: 512 }));
  });

  it('truncates at the header, the program headers and inside the last PT_LOAD', () => {
    expect(make('truncated-header').length).toBe(40);
    expect(make('truncated-phdrs').length).toBe(64);
    const header = readHeader(plain);
    if (typeof header === 'string') throw new Error(header);
    const last = readPhdrs(plain, header).filter((p) => p.type === PT_LOAD && p.filesz > 1).at(-1);
    const cut = make('truncated-load').length;
    expect(cut).toBeGreaterThan(last?.offset ?? Infinity);
    expect(cut).toBeLessThan((last?.offset ?? 0) + (last?.filesz ?? 0));
  });

  it('patches magic, class, machine and PT_LOAD types', () => {
    expect(Array.from(make('bad-magic').subarray(0, 4))).toEqual([0x7f, 0x45, 0x4c, 0x58]);
    expect(make('wrong-class')[4]).toBe(1);
    expect(new DataView(make('wrong-machine').buffer).getUint16(0x12, true)).toBe(3);
    const noLoad = make('no-load');
    const header = readHeader(noLoad);
    if (typeof header === 'string') throw new Error(header);
    expect(readPhdrs(noLoad, header).filter((p) => p.type === PT_LOAD)).toEqual([]);
    expect(readPhdrs(plain, header).filter((p) => p.type === PT_LOAD).length).toBeGreaterThan(0);
  });

  it('makes each defect the model\'s reader names, and nothing else', () => {
    expect(readElf(plain).ok).toBe(true);
    for (const kind of ['not-dyn', 'no-dynamic', 'load-misaligned', 'absurd-size'] as const) {
      const r = readElf(make(kind));
      expect(r.ok ? 'accepted' : r.defect.kind, kind).toBe(kind);
    }
    expect(readElf(make('no-dynamic'), { requireDynamic: false })).toMatchObject({ ok: true, elf: { dynamic: undefined } });
    const execStack = readElf(make('exec-stack'));
    expect(execStack).toMatchObject({ ok: true, elf: { stackExec: true } });
    expect(readElf(plain)).toMatchObject({ ok: true, elf: { stackExec: false } });
  });

  it('moves the misaligned PT_LOAD\'s bytes with its p_offset, and gives absurd-size a 2^62 p_memsz', () => {
    const header = readHeader(plain);
    if (typeof header === 'string') throw new Error(header);
    const lastLoad = (b: Uint8Array) => readPhdrs(b, header).filter((p) => p.type === PT_LOAD && p.filesz > 0).at(-1);
    const before = lastLoad(plain);
    const moved = make('load-misaligned');
    const after = lastLoad(moved);
    if (!before || !after) throw new Error('no PT_LOAD');
    expect(after).toMatchObject({ offset: before.offset + MISALIGN_SHIFT, vaddr: before.vaddr, filesz: before.filesz });
    expect((after.offset - after.vaddr) % 4096).not.toBe(0);
    expect(moved.subarray(after.offset, after.offset + after.filesz)).toEqual(plain.subarray(before.offset, before.offset + before.filesz));
    expect(moved.length).toBe(plain.length);
    const absurd = lastLoad(make('absurd-size'));
    expect(BigInt(absurd?.memsz ?? 0)).toBe(ABSURD_MEMSZ);
    expect(BigInt(before.vaddr) + ABSURD_MEMSZ).toBeLessThan(2n ** 64n);
  });

  it('renames the fixture DT_NEEDED of missing-dep and keeps the rest of the image readable', () => {
    const original = readElf(ctor);
    const renamed = readElf(make('missing-dep', { from: 'ctor', needed: 'libdlspec-absnt.so' }, ctor));
    if (!original.ok || !renamed.ok) throw new Error('ctor or missing-dep does not read');
    expect(original.elf.dynamic?.needed).toContain('libdlspec-plain.so');
    expect(renamed.elf.dynamic?.needed).toEqual(original.elf.dynamic?.needed.map((n) => (n === 'libdlspec-plain.so' ? 'libdlspec-absnt.so' : n)));
    expect([...renamed.elf.symbols.defined.keys()]).toEqual([...original.elf.symbols.defined.keys()]);
    expect(set.fixtures.some((f) => f.file === 'libdlspec-absnt.so')).toBe(false);
    const built = set.fixtures.find((f) => f.name === 'missing-dep');
    expect(built && readElf(new Uint8Array(readFileSync(built.path)))).toMatchObject({ ok: true, elf: { dynamic: { needed: expect.arrayContaining(['libdlspec-absnt.so']) } } });
  });

  it('reports a defect it cannot make as a value', () => {
    expect(generateImage(spec('missing-dep', { needed: 'libdlspec-absent.so' }), plain)).toEqual({ ok: false, problem: 'missing-dep: no DT_NEEDED names a fixture' });
    expect(generateImage(spec('missing-dep', { needed: 'libdlspec-x.so' }), ctor)).toEqual({ ok: false, problem: 'missing-dep: libdlspec-x.so is not as long as libdlspec-plain.so' });
    const noPhdrs = plain.slice();
    noPhdrs.fill(0, 0x38, 0x3a); // e_phnum = 0
    expect(generateImage(spec('exec-stack'), noPhdrs)).toEqual({ ok: false, problem: 'exec-stack: no PT_GNU_STACK' });
    expect(generateImage(spec('absurd-size'), noPhdrs)).toEqual({ ok: false, problem: 'absurd-size: no PT_LOAD with file bytes' });
  });

  it('reports a missing or non-ELF source as a value', () => {
    expect(generateImage(spec('bad-magic'), undefined)).toMatchObject({ ok: false });
    expect(generateImage(spec('no-load'), junkBytes('x', 100))).toEqual({ ok: false, problem: 'no-load: source: no ELF magic' });
  });
});
