/**
 * A mutation of a fixture image as data: the fixture it starts from and a list of edits, each
 * naming the structure it changes (an ELF header field, a program header, a dynamic entry, a
 * byte range, the length). Applying it is a pure function of the fixture's bytes, so a mutation
 * printed in a report rebuilds the very image that was loaded.
 *
 * @module
 */
import { type Elf64Phdr, PT_DYNAMIC, readHeader, readPhdrs } from '../build/elf64.js';

/** An Elf64_Ehdr field an edit can set (e_ident bytes included). */
export type HeaderField =
  | 'ei_mag3' | 'ei_class' | 'ei_data' | 'ei_version' | 'ei_osabi' | 'e_type' | 'e_machine' | 'e_version'
  | 'e_entry' | 'e_phoff' | 'e_shoff' | 'e_flags' | 'e_ehsize' | 'e_phentsize' | 'e_phnum' | 'e_shentsize'
  | 'e_shnum' | 'e_shstrndx';

/** An Elf64_Phdr field an edit can set. */
export type PhdrField = 'p_type' | 'p_flags' | 'p_offset' | 'p_vaddr' | 'p_paddr' | 'p_filesz' | 'p_memsz' | 'p_align';

/** Where a field lies (byte offset in its structure) and how wide it is. */
export type Place = readonly [offset: number, width: 1 | 2 | 4 | 8];

/** The Elf64_Ehdr fields: offset and width. */
export const HEADER_FIELDS: Readonly<Record<HeaderField, Place>> = {
  ei_mag3: [3, 1], ei_class: [4, 1], ei_data: [5, 1], ei_version: [6, 1], ei_osabi: [7, 1],
  e_type: [16, 2], e_machine: [18, 2], e_version: [20, 4], e_entry: [24, 8], e_phoff: [32, 8], e_shoff: [40, 8],
  e_flags: [48, 4], e_ehsize: [52, 2], e_phentsize: [54, 2], e_phnum: [56, 2], e_shentsize: [58, 2], e_shnum: [60, 2],
  e_shstrndx: [62, 2],
};

/** The Elf64_Phdr fields: offset and width. */
export const PHDR_FIELDS: Readonly<Record<PhdrField, Place>> = {
  p_type: [0, 4], p_flags: [4, 4], p_offset: [8, 8], p_vaddr: [16, 8], p_paddr: [24, 8], p_filesz: [32, 8],
  p_memsz: [40, 8], p_align: [48, 8],
};

/** One edit. Values are hexadecimal strings (`0x…`), so that a mutation is plain JSON. */
export type Edit =
  | { readonly op: 'truncate'; readonly length: number }
  | { readonly op: 'header'; readonly field: HeaderField; readonly value: string }
  | { readonly op: 'phdr'; readonly index: number; readonly field: PhdrField; readonly value: string }
  | { readonly op: 'phdr-copy'; readonly from: number; readonly to: number }
  | { readonly op: 'phdr-swap'; readonly a: number; readonly b: number }
  | { readonly op: 'dyn'; readonly index: number; readonly part: 'tag' | 'val'; readonly value: string }
  | { readonly op: 'bytes'; readonly offset: number; readonly hex: string };

/** A malformed image: a fixture and the edits applied to it, in order. */
export interface Mutation {
  /** The fixture it starts from. */
  readonly from: string;
  /** The edits. */
  readonly edits: readonly Edit[];
}

/** Where the structures of a well-formed source lie (computed once, before any edit). */
interface SourceLayout {
  readonly phdrs: readonly Elf64Phdr[];
  readonly phentsize: number;
  /** The file offset of the dynamic section, and how many 16-byte entries its segment holds. */
  readonly dynamic: { readonly at: number; readonly count: number } | undefined;
}

function layoutOf(source: Uint8Array): SourceLayout {
  const header = readHeader(source);
  if (typeof header === 'string') return { phdrs: [], phentsize: 56, dynamic: undefined };
  const phdrs = readPhdrs(source, header);
  const dyn = phdrs.find((p) => p.type === PT_DYNAMIC);
  const dynamic = dyn === undefined ? undefined : { at: dyn.offset, count: Math.floor(dyn.filesz / 16) };
  return { phdrs, phentsize: header.phentsize, dynamic };
}

/** Writes the little-endian `width`-byte `value` at `at`, as far as the image reaches. */
function put(bytes: Uint8Array, at: number, width: number, value: bigint): void {
  for (let i = 0; i < width && at + i < bytes.length; i++) bytes[at + i] = Number((value >> BigInt(8 * i)) & 0xffn);
}

/** Copies `length` bytes from `from` to `to` inside the image (a no-op where either range leaves it). */
function move(bytes: Uint8Array, from: number, to: number, length: number, swap: boolean): void {
  if (Math.max(from, to) + length > bytes.length) return;
  const old = bytes.slice(to, to + length);
  bytes.copyWithin(to, from, from + length);
  if (swap) bytes.set(old, from);
}

/** The bytes of `mutation` applied to `source` (the bytes of its `from` fixture); `source` is not changed. */
export function applyMutation(source: Uint8Array, mutation: Mutation): Uint8Array {
  const layout = layoutOf(source);
  let out = source.slice();
  const phdrAt = (i: number): number | undefined => layout.phdrs[i]?.at;
  for (const e of mutation.edits) {
    switch (e.op) {
      case 'truncate': out = out.slice(0, Math.max(0, e.length)); break;
      case 'header': put(out, HEADER_FIELDS[e.field][0], HEADER_FIELDS[e.field][1], BigInt(e.value)); break;
      case 'phdr': {
        const at = phdrAt(e.index);
        if (at !== undefined) put(out, at + PHDR_FIELDS[e.field][0], PHDR_FIELDS[e.field][1], BigInt(e.value));
        break;
      }
      case 'phdr-copy': case 'phdr-swap': {
        const [a, b] = e.op === 'phdr-copy' ? [phdrAt(e.from), phdrAt(e.to)] : [phdrAt(e.a), phdrAt(e.b)];
        if (a !== undefined && b !== undefined) move(out, a, b, layout.phentsize, e.op === 'phdr-swap');
        break;
      }
      case 'dyn': {
        const d = layout.dynamic;
        if (d !== undefined && e.index < d.count) put(out, d.at + 16 * e.index + (e.part === 'tag' ? 0 : 8), 8, BigInt(e.value));
        break;
      }
      case 'bytes':
        for (let i = 0; i * 2 < e.hex.length && e.offset + i < out.length; i++) out[e.offset + i] = parseInt(e.hex.slice(2 * i, 2 * i + 2), 16);
        break;
    }
  }
  return out;
}

/** One edit as text: `phdr[2].p_memsz=0x4000000000000000`, `truncate 1200`, … */
export function describeEdit(e: Edit): string {
  switch (e.op) {
    case 'truncate': return `truncate ${e.length}`;
    case 'header': return `${e.field}=${e.value}`;
    case 'phdr': return `phdr[${e.index}].${e.field}=${e.value}`;
    case 'phdr-copy': return `phdr[${e.to}]=phdr[${e.from}]`;
    case 'phdr-swap': return `phdr[${e.a}]<->phdr[${e.b}]`;
    case 'dyn': return `dyn[${e.index}].${e.part}=${e.value}`;
    case 'bytes': return `bytes@${e.offset}=${e.hex}`;
  }
}

/** A mutation as one line: `plain: phdr[2].p_memsz=0x…; truncate 1200`. */
export function describeMutation(m: Mutation): string {
  return `${m.from}: ${m.edits.map(describeEdit).join('; ')}`;
}
