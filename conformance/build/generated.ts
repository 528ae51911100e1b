/**
 * The generated fixtures, written from bytes rather than compiled: containers that embed an image
 * at an offset between deterministic junk, and malformed images derived from a good one. Every
 * output is a pure function of its inputs, so the cache key covers it.
 *
 * @module
 */
import {
  DT_NEEDED, DT_STRTAB, ELF_OFFSETS, ET_EXEC, type Elf64Phdr, fileOffsetOf, PF_X, PHDR_OFFSETS, PT_DYNAMIC, PT_GNU_STACK,
  PT_LOAD, readDynamic, readHeader, readPhdrs, setU16, setU32, setU64,
} from './elf64.js';
import type { GeneratedFixture } from './manifest.js';
import { SeededRandom } from './random.js';

/** Bumped whenever a generator's output changes (it is part of the fixtures' cache key). */
export const GENERATOR_VERSION = 2;

/** How far load-misaligned moves its PT_LOAD's file bytes (and p_offset): not a page multiple. */
export const MISALIGN_SHIFT = 16;

/**
 * The p_memsz absurd-size gives its last PT_LOAD: 2^62, more than any x86-64 address space (47 or
 * 56 bits) holds, yet small enough that p_vaddr + p_memsz does not wrap.
 */
export const ABSURD_MEMSZ = 2n ** 62n;

/** The DT_NEEDED names of fixtures start with this (libdlspec-<name>.so). */
const FIXTURE_PREFIX = 'libdlspec-';

/** Trailing junk after a container's image. */
export const CONTAINER_TAIL = 1000;

/** A generated image, or why it cannot be made. */
export type GeneratedResult =
  | {
      /** Discriminant. */
      readonly ok: true;
      /** The file's bytes. */
      readonly bytes: Uint8Array;
    }
  | {
      /** Discriminant. */
      readonly ok: false;
      /** Why it cannot be made. */
      readonly problem: string;
    };

/** `length` deterministic pseudo-random bytes for `seed` (xorshift32 from an FNV-1a seed). */
export function junkBytes(seed: string, length: number): Uint8Array {
  const random = new SeededRandom(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = random.next() & 0xff;
  if (length > 0) out[0] = 0; // never starts like an ELF file
  return out;
}

/** Junk, then the image at `offset`, then more junk. */
function container(name: string, image: Uint8Array, offset: number): Uint8Array {
  const junk = junkBytes(name, offset + CONTAINER_TAIL);
  const out = new Uint8Array(offset + image.length + CONTAINER_TAIL);
  out.set(junk.subarray(0, offset), 0);
  out.set(image, offset);
  out.set(junk.subarray(offset), offset + image.length);
  return out;
}

/** Cuts the image in the middle of the file range of its last PT_LOAD that has file bytes. */
function truncatedLoad(image: Uint8Array): GeneratedResult {
  const header = readHeader(image);
  if (typeof header === 'string') return { ok: false, problem: header };
  const loads = readPhdrs(image, header).filter((p) => p.type === PT_LOAD && p.filesz > 1);
  const last = loads[loads.length - 1];
  if (!last) return { ok: false, problem: 'no PT_LOAD with file bytes' };
  const cut = last.offset + Math.floor(last.filesz / 2);
  if (cut <= header.phoff + header.phnum * header.phentsize) return { ok: false, problem: 'cut would hit the headers' };
  return { ok: true, bytes: image.slice(0, cut) };
}

/** A copy of the image with `change` applied to every program header `which` selects; a problem when none is. */
function patchPhdrs(
  image: Uint8Array, what: string, which: (p: Elf64Phdr, all: readonly Elf64Phdr[]) => boolean,
  change: (bytes: Uint8Array, p: Elf64Phdr) => void,
): GeneratedResult {
  const header = readHeader(image);
  if (typeof header === 'string') return { ok: false, problem: header };
  const phdrs = readPhdrs(image, header);
  const chosen = phdrs.filter((p) => which(p, phdrs));
  if (chosen.length === 0) return { ok: false, problem: `no ${what}` };
  const out = image.slice();
  for (const p of chosen) change(out, p);
  return { ok: true, bytes: out };
}

/** Whether `p` is the last PT_LOAD with file bytes. */
const lastFileLoad = (p: Elf64Phdr, all: readonly Elf64Phdr[]): boolean =>
  p === all.filter((q) => q.type === PT_LOAD && q.filesz > 0).at(-1);

/**
 * The last PT_LOAD with file bytes moved MISALIGN_SHIFT bytes further into the file, p_offset
 * with it: p_offset and p_vaddr now differ modulo the page size, but the bytes at p_offset are
 * still the segment's (a loader that copies them to base + p_vaddr loads it correctly). The
 * MISALIGN_SHIFT bytes after the segment's file range (a non-loaded section) are overwritten.
 */
function loadMisaligned(image: Uint8Array): GeneratedResult {
  const fits = (p: Elf64Phdr, all: readonly Elf64Phdr[]): boolean =>
    lastFileLoad(p, all) && p.offset + p.filesz + MISALIGN_SHIFT <= image.length;
  return patchPhdrs(image, 'last PT_LOAD with file bytes and room after it', fits, (b, p) => {
    b.copyWithin(p.offset + MISALIGN_SHIFT, p.offset, p.offset + p.filesz);
    setU64(b, p.at + PHDR_OFFSETS.offset, BigInt(p.offset + MISALIGN_SHIFT));
  });
}

/** The first DT_NEEDED naming a fixture renamed, in .dynstr, to `needed` (which must be as long). */
function missingDep(image: Uint8Array, needed: string | undefined): GeneratedResult {
  const header = readHeader(image);
  if (typeof header === 'string') return { ok: false, problem: header };
  if (needed === undefined) return { ok: false, problem: 'no needed name given' };
  const phdrs = readPhdrs(image, header);
  const dyns = readDynamic(image, phdrs);
  const strtab = fileOffsetOf(phdrs, dyns.find((d) => d.tag === DT_STRTAB)?.value ?? -1);
  if (strtab === undefined) return { ok: false, problem: 'no DT_STRTAB in the file' };
  const nameAt = (at: number): Uint8Array => image.subarray(at, Math.max(at, image.indexOf(0, at)));
  const at = dyns.filter((d) => d.tag === DT_NEEDED).map((d) => strtab + d.value)
    .find((a) => new TextDecoder().decode(nameAt(a)).startsWith(FIXTURE_PREFIX));
  if (at === undefined) return { ok: false, problem: 'no DT_NEEDED names a fixture' };
  const old = nameAt(at);
  const name = new TextEncoder().encode(needed);
  if (old.length !== name.length) return { ok: false, problem: `${needed} is not as long as ${new TextDecoder().decode(old)}` };
  const out = image.slice();
  out.set(name, at);
  return { ok: true, bytes: out };
}

/** A copy of the image with one change. */
function patched(image: Uint8Array, change: (bytes: Uint8Array) => void): GeneratedResult {
  const header = readHeader(image);
  if (typeof header === 'string') return { ok: false, problem: header };
  const out = image.slice();
  change(out);
  return { ok: true, bytes: out };
}

/** A problem prefixed with the fixture's name. */
function named(spec: GeneratedFixture, r: GeneratedResult): GeneratedResult {
  return r.ok ? r : { ok: false, problem: `${spec.name}: ${r.problem}` };
}

/** Makes the bytes of generated fixture `spec` from `source` (the `from` fixture's bytes). */
export function generateImage(spec: GeneratedFixture, source: Uint8Array | undefined): GeneratedResult {
  if (spec.generator === 'junk') return { ok: true, bytes: junkBytes(spec.name, spec.length ?? 4096) };
  if (!source) return { ok: false, problem: `${spec.name}: its source ${spec.from ?? '?'} was not built` };
  const header = readHeader(source);
  if (typeof header === 'string') return { ok: false, problem: `${spec.name}: source: ${header}` };
  switch (spec.generator) {
    case 'container': return { ok: true, bytes: container(spec.name, source, spec.offset ?? 512) };
    case 'truncated-header': return { ok: true, bytes: source.slice(0, 40) };
    case 'truncated-phdrs': return { ok: true, bytes: source.slice(0, header.ehsize) };
    case 'truncated-load': return truncatedLoad(source);
    case 'bad-magic': return patched(source, (b) => { b[3] = 0x58; }); // "\x7fELX"
    case 'wrong-class': return patched(source, (b) => { b[ELF_OFFSETS.class] = 1; });
    case 'wrong-machine': return patched(source, (b) => setU16(b, ELF_OFFSETS.machine, 3));
    case 'no-load': return named(spec, patchPhdrs(source, 'PT_LOAD', (p) => p.type === PT_LOAD, (b, p) => setU32(b, p.at, 0)));
    case 'not-dyn': return patched(source, (b) => setU16(b, ELF_OFFSETS.type, ET_EXEC));
    case 'no-dynamic': return named(spec, patchPhdrs(source, 'PT_DYNAMIC', (p) => p.type === PT_DYNAMIC, (b, p) => setU32(b, p.at, 0)));
    case 'exec-stack':
      return named(spec, patchPhdrs(source, 'PT_GNU_STACK', (p) => p.type === PT_GNU_STACK,
        (b, p) => setU32(b, p.at + PHDR_OFFSETS.flags, p.flags | PF_X)));
    case 'load-misaligned': return named(spec, loadMisaligned(source));
    case 'absurd-size':
      return named(spec, patchPhdrs(source, 'PT_LOAD with file bytes', lastFileLoad,
        (b, p) => setU64(b, p.at + PHDR_OFFSETS.memsz, ABSURD_MEMSZ)));
    case 'missing-dep': return named(spec, missingDep(source, spec.needed));
  }
}
