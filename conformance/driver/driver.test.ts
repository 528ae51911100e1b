import { beforeAll, describe, expect, it } from 'vitest';
import { buildDriver, buildFixtures, type FixtureSet } from '../build/index.js';
import { driverProtocolVersion, type StepLine } from '../protocol.js';
import { runCase, type CaseRun } from './testing.js';

let driver = '';
let fixtures: FixtureSet;

beforeAll(async () => {
  const d = await buildDriver({ cc: 'cc' });
  const f = await buildFixtures({ cc: 'cc' });
  if (!d.ok) throw new Error(JSON.stringify(d.errors));
  if (!f.ok) throw new Error(JSON.stringify(f.errors));
  driver = d.path;
  fixtures = f;
}, 120_000);

const fx = (name: string): string => {
  const f = fixtures.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.path;
};
const run = (text: string, env: Record<string, string> = {}): CaseRun =>
  runCase(driver, text, { env: { LD_LIBRARY_PATH: fixtures.dir, ...env } });
const step = (r: CaseRun, n: number): StepLine => {
  const s = r.steps.find((x) => x.step === n);
  if (!s) throw new Error(`no step ${n}: ${r.stdout}${r.stderr}`);
  return s;
};

describe('driver on the host glibc', () => {
  it('says hello: the protocol version, glibc, no dlmem', () => {
    const r = run('');
    expect(r.status).toBe(0);
    expect(r.hello).toMatchObject({ protocol: driverProtocolVersion, apis: { dlmem: false, dlrelocate: false, dlset_object_base: false, dlmopen: true } });
    expect(r.hello?.libc).toMatch(/^glibc /);
    expect(r.hello?.compat).toBeUndefined();
  });

  it('dlopens plain, finds ref1 and bar, calls and reads them', () => {
    const r = run(`dlopen as=h path=${fx('plain')} mode=RTLD_NOW\ndlsym as=s handle=h symbol=ref1\ncall symbol=s\n` +
      `dlsym as=b handle=h symbol=bar\nread-data symbol=b\ndladdr symbol=s\ndlinfo handle=h request=linkmap\n`);
    expect(r.status).toBe(0);
    expect(step(r, 1).ret.kind).toBe('ptr');
    expect(step(r, 1).errno).toBeUndefined();
    expect(step(r, 3).value).toEqual({ int: 42 });
    expect(step(r, 5).value).toEqual({ int: 35 });
    expect(step(r, 6).value).toMatchObject({ fname: fx('plain'), sname: 'ref1' });
    expect(step(r, 7).value).toMatchObject({ l_name: fx('plain') });
    const plain = step(r, 1).objects.find((o) => o.name === fx('plain'));
    expect(plain?.maps?.some((m) => m.path === fx('plain'))).toBe(true);
  });

  it('reports the ctor fixture constructor at dlopen and its destructor at dlclose', () => {
    const r = run(`dlopen as=h path=${fx('ctor')} mode=RTLD_NOW\ndlsym as=c handle=h symbol=cref1\ncall symbol=c\ndlclose handle=h\n`);
    expect(step(r, 1).events).toEqual([{ kind: 'ctor', lib: 'ctor' }]);
    expect(step(r, 3).value).toEqual({ int: 34 });
    expect(step(r, 4).events).toEqual([{ kind: 'dtor', lib: 'ctor' }]);
    expect(step(r, 4).objects).toEqual([]);
  });

  it('runs a chain of constructors dependencies first, and sees fixtures in another namespace', () => {
    const r = run(`dlopen as=a path=${fx('chain-a')} mode=RTLD_NOW\ndlmopen as=n nsid=newlm path=${fx('ctor')} mode=RTLD_NOW\n`);
    expect(step(r, 1).events.map((e) => e.lib)).toEqual(['chain-c', 'chain-b', 'chain-a']);
    expect(step(r, 2).events).toEqual([{ kind: 'ctor', lib: 'ctor' }]);
    expect(step(r, 2).objects.map((o) => o.name)).not.toContain(expect.stringContaining('libc.so'));
  });

  it('rejects RTLD_NORELOCATE as an invalid mode', () => {
    const r = run(`dlopen as=h path=${fx('plain')} mode=RTLD_NOW|0x2000\n`);
    expect(step(r, 1)).toMatchObject({ ret: { kind: 'null' }, dlerror: expect.stringContaining('invalid mode parameter') });
    expect(step(r, 1).errno).toBeTypeOf('number');
  });

  it('answers unsupported for the proposals this loader lacks', () => {
    const r = run(`dlmem as=h buffer=NULL size=4096 mode=RTLD_NOW\nfdlopen path=${fx('plain')} mode=2\n` +
      `dlopen as=p path=${fx('plain')} mode=2\ndlrelocate handle=p\ndlinfo handle=p request=mapinfo\ndlset-object-base handle=p base=NULL\n`);
    expect(r.status).toBe(0);
    expect([1, 2, 4, 5, 6].map((n) => step(r, n).unsupported)).toEqual(['dlmem', 'dlmem', 'dlrelocate', 'RTLD_DI_MAPINFO', 'dlset_object_base']);
    expect(step(r, 1).ret).toEqual({ kind: 'none' });
  });

  it('rejects malformed images through dlopen with a dlerror message', () => {
    const bad = ['truncated-header', 'truncated-phdrs', 'bad-magic', 'wrong-class', 'wrong-machine', 'no-load', 'junk'];
    const r = run(bad.map((b) => `dlopen path=${fx(b)} mode=RTLD_NOW\n`).join(''));
    expect(r.status).toBe(0);
    expect(r.steps).toHaveLength(bad.length);
    for (const s of r.steps) expect(s).toMatchObject({ ret: { kind: 'null' }, dlerror: expect.any(String) });
  });

  it('attributes a loader crash to its step: host dlopen of truncated-load dies of SIGBUS', () => {
    const r = run(`dlerror\ndlopen path=${fx('truncated-load')} mode=RTLD_NOW\ndlerror\n`);
    expect(r.signal).toBe('SIGBUS');
    const last = r.lines[r.lines.length - 1];
    expect(last?.ok && last.line).toEqual({ kind: 'begin', step: 2, op: 'dlopen' });
  });

  it('reports regions and faults', () => {
    const r = run(`mmap-file as=src path=${fx('plain')} prot=r-- shared=0\nmprotect region=src prot=rw-\n` +
      `malloc as=heap path=${fx('plain')} misalign=4\nmunmap region=src\ndlsym as=x handle=default symbol=dlspec_nowhere\ncall symbol=x\n` +
      `dlerror\nmmap-file as=again path=${fx('plain')} prot=r-- shared=0\n`);
    const start = step(r, 1).regions['src']?.start;
    expect(start).toMatch(/^0x[0-9a-f]+$/);
    expect(step(r, 1).regions['src']).toEqual({ start, prot: 'r--', mapped: true, unchanged: true });
    expect(step(r, 2).regions['src']).toEqual({ start, prot: 'rw-', mapped: true, unchanged: true });
    const heap = step(r, 3).ret;
    expect(heap.kind === 'ptr' && BigInt(heap.value) % 4096n).toBe(4n);
    expect(step(r, 4).regions['src']).toEqual({ prot: null, mapped: false, unchanged: null });
    expect(step(r, 6).fault).toBe('null address');
    expect(step(r, 7)).toMatchObject({ ret: { kind: 'null' }, dlerror: null });
    // A region the driver unmapped stays unmapped in reports, even when a new mapping reuses its addresses.
    expect(step(r, 8).regions['src']).toEqual({ prot: null, mapped: false, unchanged: null });
  });

  it.each([
    ['an unknown slot', 'dlsym as=s handle=nope symbol=ref1'],
    ['a bad number', 'mmap-anon as=a length=12x prot=rw- shared=0'],
    ['a missing file', 'mmap-file as=a path=/nonexistent/dlspec prot=r-- shared=0'],
    ['an unknown operation', 'dlfrobnicate'],
    ['an argument that is not key=value', 'dlopen path'],
    ['a missing argument', 'dlopen as=h'],
  ])('stops with exit status 2 and an error line on %s', (_what, line) => {
    const r = run(`dlerror\n${line}\ndlerror\n`);
    expect(r.status).toBe(2);
    expect(r.errors).toEqual([{ kind: 'error', step: 2, error: expect.any(String) }]);
    expect(r.steps.map((s) => s.step)).toEqual([1]);
  });
});

describe('driver with DLSPEC_COMPAT=memfd', () => {
  const compat = { DLSPEC_COMPAT: 'memfd' };

  it('loads plain from a file mapping through a memfd', () => {
    const r = run(`mmap-file as=src path=${fx('plain')} prot=r-- shared=0\n` +
      `dlmem as=h buffer=src size=region mode=RTLD_NOW soname=x premap=anon\ndlsym as=s handle=h symbol=ref1\ncall symbol=s\n`, compat);
    expect(r.hello).toMatchObject({ compat: 'memfd', apis: { dlmem: true } });
    expect(step(r, 2)).toMatchObject({ ret: { kind: 'ptr' }, compat: 'ignored: soname, premap', premap: [] });
    expect(step(r, 2).regions['src']).toEqual({ start: expect.stringMatching(/^0x/), prot: 'r--', mapped: true, unchanged: true });
    expect(step(r, 4).value).toEqual({ int: 42 });
    const maps = step(r, 2).objects.flatMap((o) => o.maps ?? []);
    expect(maps.some((m) => m.path.startsWith('/memfd:dlspec-compat'))).toBe(true);
  });

  it('builds fdlopen and dlopen_with_offset on it', () => {
    const c512 = fixtures.fixtures.find((f) => f.name === 'container-512');
    const r = run(`fdlopen as=f path=${fx('plain')} mode=RTLD_NOW\n` +
      `dlopen-with-offset as=o path=${fx('container-512')} offset=512 length=${c512?.image?.length ?? 0} mode=RTLD_NOW\n` +
      `dlsym as=s handle=o symbol=ref1\ncall symbol=s\n` +
      `dlopen-with-offset path=${fx('container-512')} offset=512 length=999999 mode=RTLD_NOW\n`, compat);
    expect(step(r, 1).ret.kind).toBe('ptr');
    expect(step(r, 2).ret.kind).toBe('ptr');
    expect(step(r, 4).value).toEqual({ int: 42 });
    expect(step(r, 5)).toMatchObject({ ret: { kind: 'null' }, dlerror: null });
  });
});
