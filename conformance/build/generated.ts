/**
 * The generated fixtures, written from bytes rather than compiled: containers that embed an image
 * at an offset between deterministic junk, and malformed images derived from a good one. Every
 * output is a pure function of its inputs, so the cache key covers it.
 *
 * @module
 */
import { ELF_OFFSETS, PT_LOAD, readHeader, readPhdrs, setU16, setU32 } from './elf64.js';
import type { GeneratedFixture } from './manifest.js';

/** Bumped whenever a generator's output changes (it is part of the fixtures' cache key). */
export const GENERATOR_VERSION = 1;

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
  let x = 0x811c9dc5;
  for (const c of seed) x = Math.imul(x ^ c.charCodeAt(0), 0x01000193) >>> 0;
  x ||= 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
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

/** Every PT_LOAD's p_type set to PT_NULL. */
function noLoad(image: Uint8Array): GeneratedResult {
  const header = readHeader(image);
  if (typeof header === 'string') return { ok: false, problem: header };
  const out = image.slice();
  for (const p of readPhdrs(out, header)) if (p.type === PT_LOAD) setU32(out, p.at, 0);
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
    case 'no-load': return noLoad(source);
  }
}
