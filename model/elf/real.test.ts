import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readElf } from './read.js';
import { HAVE_CC, compileShared, scratchDir, type ScratchDir } from './testing/cc.js';
import { parseDynSyms, parseDynamic, parsePhdrs, parseRelocs, readelf } from './testing/readelf.js';
import type { ElfImage } from './types.js';

const BASE = 'int ref1(void) { return 42; }\nint bar = 35;\n';
const FULL = `${BASE}
extern int ext_fn(void);
extern int ext_data;
__thread int tvar = 7;
static int seen;
__attribute__((constructor)) static void init(void) { seen = 1; }
int call_ext(void) { return ext_fn() + ext_data + tvar + seen; }
`;

/** Variant name → [source, extra cc flags]. */
const VARIANTS: Record<string, [string, string[]]> = {
  base: [BASE, ['-Wl,-soname,libbase.so.1']],
  full: [FULL, []],
  sysv: [FULL, ['-Wl,--hash-style=sysv']],
  both: [FULL, ['-Wl,--hash-style=both']],
  page64k: [FULL, ['-Wl,-z,max-page-size=0x10000']],
  nostdlib: [FULL, ['-nostdlib']],
  noplt: [FULL, ['-fno-plt']],
  now: [FULL, ['-Wl,-z,now', '-Wl,-rpath,/opt/x']],
};

describe.skipIf(!HAVE_CC)('readElf on objects built by cc', () => {
  let dir: ScratchDir;
  const paths = new Map<string, string>();
  beforeAll(() => {
    dir = scratchDir('elf');
    for (const [name, [source, flags]] of Object.entries(VARIANTS)) paths.set(name, compileShared(dir.path, name, source, flags));
  });
  afterAll(() => dir.remove());

  const elfOf = (name: string): ElfImage => {
    const result = readElf(readFileSync(paths.get(name) ?? ''));
    if (!result.ok) throw new Error(`${name}: ${result.defect.kind}: ${result.defect.detail}`);
    return result.elf;
  };

  it.each(Object.keys(VARIANTS))('%s: program headers match readelf -l', (name) => {
    const elf = elfOf(name);
    const phdrs = parsePhdrs(readelf(paths.get(name) ?? '', ['-l']));
    const loads = phdrs.filter((p) => p.type === 'LOAD');
    expect(elf.loads.map((l) => [l.p_offset, l.p_vaddr, l.p_filesz, l.p_memsz, l.p_align])).toEqual(
      loads.map((p) => [p.offset, p.vaddr, p.filesz, p.memsz, p.align]),
    );
    expect(elf.loads.map((l) => `${l.r ? 'R' : ''}${l.w ? 'W' : ''}${l.x ? 'E' : ''}`)).toEqual(loads.map((p) => p.flags));
    const relro = phdrs.find((p) => p.type === 'GNU_RELRO');
    expect(elf.relro).toEqual(relro === undefined ? undefined : { vaddr: relro.vaddr, memsz: relro.memsz });
    const tls = phdrs.find((p) => p.type === 'TLS');
    expect(elf.tls).toEqual(tls === undefined ? undefined : { vaddr: tls.vaddr, filesz: tls.filesz, memsz: tls.memsz, align: tls.align });
    const stack = phdrs.find((p) => p.type === 'GNU_STACK');
    expect(elf.stackExec).toBe(stack === undefined ? undefined : stack.flags.includes('E'));
  });

  it.each(Object.keys(VARIANTS))('%s: the dynamic section matches readelf -d', (name) => {
    const elf = elfOf(name);
    const entries = parseDynamic(readelf(paths.get(name) ?? '', ['-d']));
    const has = (tag: string) => entries.some((e) => e.tag === tag);
    const bracketed = (tag: string) => entries.filter((e) => e.tag === tag).map((e) => /\[(.*)\]/.exec(e.value)?.[1]);
    expect(elf.dynamic?.needed).toEqual(bracketed('NEEDED'));
    expect(elf.dynamic?.soname).toBe(bracketed('SONAME')[0]);
    expect(elf.dynamic?.rpath ?? elf.dynamic?.runpath).toBe(bracketed('RPATH')[0] ?? bracketed('RUNPATH')[0]);
    expect(elf.dynamic).toMatchObject({
      hasHash: has('HASH'), hasGnuHash: has('GNU_HASH'), hasVersym: has('VERSYM'), hasVerdef: has('VERDEF'),
      hasVerneed: has('VERNEED'), hasInit: has('INIT'), textrel: has('TEXTREL'), bindNow: has('BIND_NOW') ||
        entries.some((e) => (e.tag === 'FLAGS' && e.value.includes('BIND_NOW')) || (e.tag === 'FLAGS_1' && /\bNOW\b/.test(e.value))),
      initArraySize: Number(/(\d+)/.exec(entries.find((e) => e.tag === 'INIT_ARRAYSZ')?.value ?? '0')?.[1]),
    });
  });

  it.each(Object.keys(VARIANTS))('%s: symbols and viaPlt match readelf --dyn-syms -r', (name) => {
    const elf = elfOf(name);
    const symbols = parseDynSyms(readelf(paths.get(name) ?? '', ['--dyn-syms']));
    const relocs = parseRelocs(readelf(paths.get(name) ?? '', ['-r']));
    const global = symbols.filter((s) => s.bind !== 'LOCAL' && s.name !== '');
    const defined = global.filter((s) => s.ndx !== 'UND' && (s.vis === 'DEFAULT' || s.vis === 'PROTECTED'));
    const typeOf = { FUNC: 'func', IFUNC: 'func', OBJECT: 'object', TLS: 'tls' } as Record<string, string>;
    expect(new Map([...elf.symbols.defined].sort())).toEqual(
      new Map(defined.map((s) => [s.name, { value: s.value, size: s.size, type: typeOf[s.type] ?? 'other' }] as const).sort()),
    );
    const pltOnly = (index: number) => {
      const uses = relocs.filter((r) => r.symbol === index);
      return uses.length > 0 && uses.every((r) => r.section === '.rela.plt' && r.type === 'R_X86_64_JUMP_SLOT');
    };
    expect(elf.symbols.undefined).toEqual(
      global.filter((s) => s.ndx === 'UND').map((s) => ({
        name: s.name, type: typeOf[s.type] ?? 'notype', weak: s.bind === 'WEAK', viaPlt: pltOnly(s.index),
      })),
    );
  });

  it('agrees with what is known of each variant', () => {
    const full = elfOf('full');
    expect(full.symbols.defined.get('ref1')?.type).toBe('func');
    expect(full.symbols.defined.get('bar')).toMatchObject({ type: 'object', size: 4 });
    expect(full.symbols.defined.get('tvar')).toMatchObject({ type: 'tls', size: 4 });
    expect(full.tls).toMatchObject({ filesz: 4, memsz: 4 });
    expect(full.relro).toBeDefined();
    const ext = (elf: ElfImage, n: string) => elf.symbols.undefined.find((u) => u.name === n);
    expect(ext(full, 'ext_fn')).toMatchObject({ viaPlt: true, weak: false });
    expect(ext(full, 'ext_data')).toMatchObject({ viaPlt: false, weak: false });
    expect(ext(elfOf('noplt'), 'ext_fn')?.viaPlt).toBe(false);
    expect(ext(elfOf('now'), 'ext_fn')?.viaPlt).toBe(true); // still a JUMP_SLOT, but bound at load:
    expect(elfOf('now').dynamic?.bindNow).toBe(true);
    expect(full.dynamic?.bindNow).toBe(false);
    expect(elfOf('base').dynamic?.soname).toBe('libbase.so.1');
    expect(elfOf('sysv').dynamic).toMatchObject({ hasHash: true, hasGnuHash: false });
    expect(elfOf('both').dynamic).toMatchObject({ hasHash: true, hasGnuHash: true });
    expect(elfOf('page64k').loads.every((l) => l.p_align === 0x10000)).toBe(true);
    const bare = elfOf('nostdlib');
    expect(bare.dynamic).toMatchObject({ needed: [], hasInit: false, initArraySize: 8 });
    expect(full.dynamic?.hasInit).toBe(true);
    expect(full.dynamic?.initArraySize).toBeGreaterThanOrEqual(16);
    expect(elfOf('now').dynamic?.rpath ?? elfOf('now').dynamic?.runpath).toBe('/opt/x');
    expect(full.isPie).toBe(false);
    expect(full.stackExec).toBe(false);
  });
});
