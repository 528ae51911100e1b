import { readFileSync, realpathSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readElf, type ElfImage } from '../elf/index.js';
import { HAVE_CC, compileProgram, compileShared, runProgram, scratchDir, type ScratchDir } from '../elf/testing/cc.js';
import { extentOf } from './extent.js';
import { matchMaps } from './match.js';
import { predictLayout } from './predict.js';
import { isFileBacked, parseProcMaps } from './proc-maps.js';

/** Opens argv[1] with RTLD_NOW, prints its l_addr, then /proc/self/maps. */
const DRIVER = `#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
int main(int argc, char **argv) {
  if (argc < 2) return 2;
  void *handle = dlopen(argv[1], RTLD_NOW);
  if (handle == NULL) { fprintf(stderr, "%s\\n", dlerror()); return 1; }
  struct link_map *map = NULL;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0) return 1;
  printf("base %lx\\n", (unsigned long) map->l_addr);
  FILE *maps = fopen("/proc/self/maps", "r");
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, maps)) > 0) fwrite(buffer, 1, n, stdout);
  return 0;
}
`;

const LIB = `int ref1(void) { return 42; }
int bar = 35;
__thread int tvar = 7;
static int seen;
__attribute__((constructor)) static void init(void) { seen = 1; }
const char table[20000] = { 1 };
char big[100000];
int use(void) { return seen + tvar + big[5] + table[3]; }
`;

const VARIANTS: Record<string, string[]> = {
  default: [],
  page64k: ['-Wl,-z,max-page-size=0x10000'],
  nostdlib: ['-nostdlib'],
  noseparate: ['-Wl,-z,noseparate-code'],
  sysv: ['-Wl,--hash-style=sysv', '-Wl,-z,norelro'],
};

describe.skipIf(!HAVE_CC)('predictLayout against what glibc maps', () => {
  let dir: ScratchDir;
  let driver = '';
  const libs = new Map<string, string>();
  beforeAll(() => {
    dir = scratchDir('layout');
    driver = compileProgram(dir.path, 'driver', DRIVER, ['-ldl']);
    for (const [name, flags] of Object.entries(VARIANTS)) libs.set(name, realpathSync(compileShared(dir.path, name, LIB, flags)));
  });
  afterAll(() => dir.remove());

  const load = (name: string) => {
    const path = libs.get(name) ?? '';
    const result = readElf(readFileSync(path));
    if (!result.ok) throw new Error(`${name}: ${result.defect.detail}`);
    const output = runProgram(driver, [path]);
    const [first, ...rest] = output.split('\n');
    const base = parseInt(/^base ([0-9a-f]+)$/.exec(first ?? '')?.[1] ?? 'x', 16);
    const maps = parseProcMaps(rest.join('\n'));
    return { path, elf: result.elf as ElfImage, base, maps };
  };

  it.each(Object.keys(VARIANTS))('%s: every predicted range is mapped as predicted', (name) => {
    const { path, elf, base, maps } = load(name);
    expect(Number.isSafeInteger(base) && base > 0).toBe(true);
    expect(maps.errors).toEqual([]);
    const predicted = predictLayout(elf);
    expect(matchMaps(predicted, maps.lines, base, { backing: 'file', file: path })).toEqual([]);
    // The object's own lines, and the anonymous .bss lines, lie within the extent.
    const extent = extentOf(elf);
    const own = maps.lines.filter((l) => l.path === path);
    expect(Math.min(...own.map((l) => l.start))).toBe(base + extent.start);
    expect(Math.max(...own.map((l) => l.end))).toBeLessThanOrEqual(base + extent.start + extent.length);
    expect(base % extent.align).toBe(0);
  });

  it('predicts .bss, RELRO and gaps where the objects have them', () => {
    const withGaps = predictLayout(load('page64k').elf);
    expect(withGaps.some((e) => e.kind === 'gap')).toBe(true);
    const plain = predictLayout(load('default').elf);
    expect(plain.some((e) => e.kind === 'segment' && e.part === 'bss' && e.backing === 'anon')).toBe(true);
    expect(plain.some((e) => e.kind === 'segment' && e.protAfter.w !== e.protBefore.w)).toBe(true);
    const norelro = load('sysv');
    expect(norelro.elf.relro).toBeUndefined();
  });

  it('sees the mismatch when the expectation is wrong', () => {
    const { path, elf, base, maps } = load('default');
    const predicted = predictLayout(elf);
    const wrongBase = matchMaps(predicted, maps.lines, base + 0x1000, { backing: 'file', file: path });
    expect(wrongBase.length).toBeGreaterThan(0);
    const copy = matchMaps(predicted, maps.lines, base, { backing: 'anon' });
    expect(copy.map((m) => m.kind)).toContain('wrong-backing');
    const unrelocated = matchMaps(predicted, maps.lines, base, { backing: 'file', file: path, phase: 'unrelocated' });
    expect(unrelocated).toEqual([]);
    expect(maps.lines.filter((l) => l.path === path).every(isFileBacked)).toBe(true);
  });
});
