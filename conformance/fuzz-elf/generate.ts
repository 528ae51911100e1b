/**
 * The mutation generator: image `index` of seed `seed` is drawn from its own stream
 * (`<seed>:<index>`), so any one image can be made again without the others. Each image is one of
 * the source fixtures with one to three edits: truncations, ELF header fields, program header
 * fields, copied or swapped program headers (overlapping or out-of-order PT_LOADs), dynamic
 * entries, or a few random bytes, with values biased towards the absurd (0, all ones, past the
 * file, past the address space) and towards near misses of the old value.
 *
 * @module
 */
import { SeededRandom } from '../build/random.js';
import { PT_DYNAMIC, PT_LOAD, readDynamic, readHeader, readPhdrs } from '../build/elf64.js';
import { type Edit, type HeaderField, type Mutation, type PhdrField } from './mutation.js';

/**
 * The fixtures mutated: every compiled one whose constructor does not report to the driver (a
 * reporting constructor is a fact of the manifest, not of the bytes, so a mutation that stops it
 * would look like a loader fault).
 */
export const FUZZ_SOURCES: readonly string[] = ['plain', 'tls', 'sysv-hash', 'noversion', 'align64k', 'bigbss'];

const KINDS = { header: 20, phdr: 32, 'phdr-copy': 5, 'phdr-swap': 5, dyn: 20, truncate: 10, bytes: 8 } as const;

const HEADER_WEIGHTS: Readonly<Record<HeaderField, number>> = {
  ei_mag3: 1, ei_class: 2, ei_data: 2, ei_version: 1, ei_osabi: 1, e_type: 3, e_machine: 2, e_version: 1, e_entry: 1,
  e_phoff: 6, e_shoff: 2, e_flags: 1, e_ehsize: 1, e_phentsize: 4, e_phnum: 6, e_shentsize: 1, e_shnum: 1, e_shstrndx: 1,
};

const PHDR_WEIGHTS: Readonly<Record<PhdrField, number>> = {
  p_type: 4, p_flags: 2, p_offset: 6, p_vaddr: 6, p_paddr: 1, p_filesz: 6, p_memsz: 6, p_align: 3,
};

/** p_type values worth trying: the kinds a loader acts on, and nonsense. */
const PTYPES = [0, PT_LOAD, PT_DYNAMIC, 3, 6, 7, 0x6474e550, 0x6474e551, 0x6474e552, 0x6474e553, 0x70000000, 0xffffffff];

/** d_tag values worth trying: every tag a loader follows as a pointer or a size, DT_NULL, and nonsense. */
const DTAGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 20, 23, 24, 25, 26, 27, 28, 29, 30, 0x6ffffef5, 0x6ffffff0,
  0x6ffffffb, 0x6ffffffe, 0x6fffffff, 0x7fffffff];

/** Values that are wrong everywhere. */
const ABSURD = [0n, 1n, 0x7fn, 0xffffn, 0x7fffffffn, 0xffffffffn, 0x100000000n, 2n ** 47n - 1n, 2n ** 47n, 2n ** 56n, 2n ** 62n,
  2n ** 63n, 2n ** 64n - 1n, 2n ** 64n - 0x1000n];

const hex = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16)}`;

/** A value for a field that held `old` in an image of `size` bytes. */
function value(r: SeededRandom, old: bigint, size: number): string {
  switch (r.below(5)) {
    case 0: return hex(r.pick(ABSURD));
    case 1: return hex(old + r.pick([-0x1000n, -0x10n, -8n, -1n, 1n, 8n, 0x10n, 0x1000n, 0x10000n]));
    case 2: return hex(BigInt(size) + BigInt(r.below(0x2000)) - 0x1000n);
    case 3: return hex(BigInt(r.below(size * 2 + 1)));
    default: return hex(r.u64());
  }
}

const u = (bytes: Uint8Array, at: number, width: number): bigint => {
  let v = 0n;
  for (let i = width - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i] ?? 0);
  return v;
};

/** One edit of `source` drawn from `r`. */
function edit(r: SeededRandom, source: Uint8Array): Edit {
  const header = readHeader(source);
  const phdrs = typeof header === 'string' ? [] : readPhdrs(source, header);
  const dyns = readDynamic(source, phdrs);
  const size = source.length;
  const kind = r.weighted(KINDS);
  // A program header of interest: PT_LOAD and PT_DYNAMIC twice as likely as the rest.
  const someIndex = (): number => {
    const favoured = phdrs.flatMap((p, i) => (p.type === PT_LOAD || p.type === PT_DYNAMIC ? [i, i] : [i]));
    return favoured.length === 0 ? 0 : r.pick(favoured);
  };
  switch (kind) {
    case 'header': {
      const field = r.weighted(HEADER_WEIGHTS);
      const place = { ei_mag3: 3, ei_class: 4, ei_data: 5, ei_version: 6, ei_osabi: 7 } as Record<string, number>;
      const old = place[field] !== undefined ? BigInt(source[place[field] as number] ?? 0) : 0n;
      const small = field.startsWith('ei_') || field === 'e_type' || field === 'e_machine';
      return { op: 'header', field, value: small ? hex(r.pick([0n, 1n, 2n, 3n, 4n, 62n, 0xffn, old ^ 1n])) : value(r, old, size) };
    }
    case 'phdr': {
      const index = someIndex();
      const field = r.weighted(PHDR_WEIGHTS);
      if (field === 'p_type') return { op: 'phdr', index, field, value: hex(BigInt(r.pick(PTYPES))) };
      if (field === 'p_flags') return { op: 'phdr', index, field, value: hex(BigInt(r.below(8))) };
      const at = (phdrs[index]?.at ?? 0) + { p_offset: 8, p_vaddr: 16, p_paddr: 24, p_filesz: 32, p_memsz: 40, p_align: 48 }[field];
      return { op: 'phdr', index, field, value: value(r, u(source, at, 8), size) };
    }
    case 'phdr-copy': return { op: 'phdr-copy', from: someIndex(), to: someIndex() };
    case 'phdr-swap': return { op: 'phdr-swap', a: someIndex(), b: someIndex() };
    case 'dyn': {
      const index = r.below(Math.max(1, dyns.length + 1));
      if (r.below(3) === 0) return { op: 'dyn', index, part: 'tag', value: hex(BigInt(r.pick(DTAGS))) };
      return { op: 'dyn', index, part: 'val', value: value(r, BigInt(dyns[index]?.value ?? 0), size) };
    }
    case 'truncate': {
      const cuts = [r.below(64) + 1, r.below(size) + 1, ...phdrs.map((p) => p.offset + p.filesz - 1 - r.below(16))];
      return { op: 'truncate', length: Math.max(1, Math.min(size - 1, r.pick(cuts))) };
    }
    case 'bytes': {
      const width = 1 + r.below(8);
      const offset = r.below(2) === 0 ? r.below(Math.min(size, 64 + 56 * Math.max(1, phdrs.length))) : r.below(size);
      return { op: 'bytes', offset, hex: Array.from({ length: width }, () => r.below(256).toString(16).padStart(2, '0')).join('') };
    }
  }
}

/** Image `index` of `seed`: a source from `sources` (name → its bytes) and one to three edits. */
export function generateMutation(seed: string, index: number, sources: ReadonlyMap<string, Uint8Array>): Mutation {
  const r = new SeededRandom(`${seed}:${index}`);
  const names = FUZZ_SOURCES.filter((n) => sources.has(n));
  const from = r.pick(names.length > 0 ? names : [...sources.keys()]);
  const source = sources.get(from) ?? new Uint8Array();
  const count = r.weighted({ 1: 6, 2: 3, 3: 1 });
  return { from, edits: Array.from({ length: Number(count) }, () => edit(r, source)) };
}
