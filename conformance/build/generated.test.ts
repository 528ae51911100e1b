import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHeader, readPhdrs, PT_LOAD } from './elf64.js';
import { buildFixtures, type FixtureSet } from './fixtures.js';
import { CONTAINER_TAIL, generateImage, junkBytes } from './generated.js';
import type { GeneratedFixture, GeneratedKind } from './manifest.js';

let set: FixtureSet;
let plain: Uint8Array;
beforeAll(async () => {
  const r = await buildFixtures({ cc: 'cc' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  set = r;
  plain = new Uint8Array(readFileSync(r.fixtures.find((f) => f.name === 'plain')?.path ?? ''));
}, 120_000);

const spec = (generator: GeneratedKind, extra: Partial<GeneratedFixture> = {}): GeneratedFixture => ({
  kind: 'generated', name: generator, file: `libdlspec-${generator}.so`, generator, from: 'plain',
  facts: { functions: {}, data: {}, reportsCtor: false, reportsDtor: false }, ...extra,
});
const make = (generator: GeneratedKind, extra: Partial<GeneratedFixture> = {}): Uint8Array => {
  const r = generateImage(spec(generator, extra), plain);
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

  it('reports a missing or non-ELF source as a value', () => {
    expect(generateImage(spec('bad-magic'), undefined)).toMatchObject({ ok: false });
    expect(generateImage(spec('no-load'), junkBytes('x', 100))).toEqual({ ok: false, problem: 'no-load: source: no ELF magic' });
  });
});
