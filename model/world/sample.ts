/**
 * The sample world: fixture images described by hand (no compiler, no ELF file) after the
 * proposal branches' own test libraries, with the profile's clauses from the real registry. Unit
 * tests and `dlspec model` use it; conformance runs build a world from real fixtures instead.
 *
 * @module
 */
import type { ElfImage } from '../elf/index.js';
import type { ImageFacts, ProfileId, World } from './world.js';
import { registryProfile } from './registry-profile.js';

/** A hand-made fixture. */
export interface SampleImage {
  /** Fixture name; its file name is `lib<name>.so`. */
  readonly name: string;
  /** DT_NEEDED names. */
  readonly needed?: readonly string[];
  /** DT_SONAME. */
  readonly soname?: string;
  /** Defined function names and what they return. */
  readonly functions?: Readonly<Record<string, number>>;
  /** Defined int data symbols and their initial values. */
  readonly data?: Readonly<Record<string, number>>;
  /** Undefined references. */
  readonly undefinedRefs?: readonly { readonly name: string; readonly type: 'func' | 'object'; readonly viaPlt: boolean }[];
  /** Whether its constructor and destructor report. */
  readonly reports?: boolean;
  /** Leave an unmapped page between its segments (as large p_align objects have). */
  readonly gap?: boolean;
}

/** An ElfImage with one RX and one RW segment and the given symbols. */
export function sampleElf(image: SampleImage): ElfImage {
  const defined = new Map<string, { value: number; size: number; type: 'func' | 'object' | 'tls' | 'other' }>();
  let value = 0x1100;
  for (const name of Object.keys(image.functions ?? {})) defined.set(name, { value: (value += 0x10), size: 8, type: 'func' });
  for (const name of Object.keys(image.data ?? {})) defined.set(name, { value: (value += 0x10) + 0x2000, size: 4, type: 'object' });
  return {
    e_type: 3, e_machine: 62, e_entry: 0, headersEnd: 64 + 3 * 56,
    loads: [
      { p_offset: 0, p_vaddr: 0, p_filesz: 0x1200, p_memsz: 0x1200, p_align: 0x1000, p_flags: 5, r: true, w: false, x: true },
      ...(image.gap === true ? [] : [{ p_offset: 0x1000, p_vaddr: 0x2000, p_filesz: 0x800, p_memsz: 0x800, p_align: 0x1000, p_flags: 4, r: true, w: false, x: false }]),
      { p_offset: 0x2000, p_vaddr: 0x3000, p_filesz: 0x100, p_memsz: 0x300, p_align: 0x1000, p_flags: 6, r: true, w: true, x: false },
    ],
    stackExec: false, isPie: false,
    dynamic: {
      needed: image.needed ?? ['libc.so.6'], ...(image.soname === undefined ? {} : { soname: image.soname }), flags1: 0,
      hasHash: true, hasGnuHash: true, hasVersym: false, hasVerdef: false, hasVerneed: false,
      hasInit: false, initArraySize: image.reports === true ? 8 : 0, finiArraySize: image.reports === true ? 8 : 0, textrel: false,
    },
    symbols: {
      defined,
      undefined: (image.undefinedRefs ?? []).map((u) => ({ name: u.name, type: u.type, weak: false, viaPlt: u.viaPlt })),
    },
  } as ElfImage;
}

/** Facts for a hand-made fixture. */
export function sampleFacts(image: SampleImage): ImageFacts {
  return {
    name: image.name, fileName: `lib${image.name}.so`, elf: { ok: true, elf: sampleElf(image) },
    reportsCtor: image.reports ?? false, reportsDtor: image.reports ?? false,
    functions: new Map(Object.entries(image.functions ?? {})), data: new Map(Object.entries(image.data ?? {})),
  };
}

/** The fixtures most tests use: glreflib1 (ref1() = 42, bar = 35) and ctorlib1, which depends on it. */
export const SAMPLE_IMAGES: readonly SampleImage[] = [
  { name: 'plain', functions: { ref1: 42 }, data: { bar: 35 } },
  { name: 'ctor', needed: ['libplain.so', 'libc.so.6'], functions: { cref1: 7 }, reports: true },
  { name: 'undef-func', functions: { f: 1 }, undefinedRefs: [{ name: 'dlspec_missing_function', type: 'func', viaPlt: true }] },
  { name: 'undef-data', functions: { g: 1 }, undefinedRefs: [{ name: 'dlspec_missing_data', type: 'object', viaPlt: false }] },
  { name: 'needs-missing', needed: ['libdlspec-absent.so'], functions: { h: 1 } },
];

/** A world for `profile` over the given images (default: SAMPLE_IMAGES). */
export function sampleWorld(profile: ProfileId, images: readonly SampleImage[] = SAMPLE_IMAGES): World {
  const facts = images.map(sampleFacts);
  return {
    profile: registryProfile(profile),
    images: new Map(facts.map((f) => [f.name, f])),
    byFileName: new Map(facts.map((f) => [f.fileName, f.name])),
    systemLibs: new Set(['libc.so.6']),
    systemSymbols: new Set(['malloc', 'free', 'printf', 'dlsym']),
    pageSize: 4096,
  };
}
