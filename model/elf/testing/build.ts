/**
 * A minimal ELF64 ET_DYN image builder for tests. The first PT_LOAD (R, at p_vaddr 0) holds the
 * headers and every dynamic table; the segments of the spec follow it on later pages, filled
 * with a byte pattern. Built images are valid: `readElf` accepts them.
 *
 * @module
 */
import {
  EHDR_SIZE, ELFCLASS64, ELFDATA2LSB, EM_X86_64, ET_DYN, EV_CURRENT, PF_R, PF_W, PF_X, PHDR_SIZE, PT_DYNAMIC,
  PT_GNU_RELRO, PT_GNU_STACK, PT_LOAD, PT_TLS, SHDR_SIZE, SHT_DYNSYM,
} from '../constants.js';
import * as D from '../dyn-constants.js';
import { gnuHashTable, sysvHashTable } from './hashes.js';
import type { BuildSegment, BuildSpec, BuildSymbol } from './spec.js';
import { dynamicEntries, relaTable, stringTable, symbolTable, versymTable } from './tables.js';

/** The page size the builder lays segments out for. */
export const BUILD_PAGE = 0x1000;

/** The default segments after the metadata one: R+X text, then R+W data with .bss past a page. */
export const DEFAULT_SEGMENTS: readonly BuildSegment[] = [
  { flags: PF_R | PF_X, filesz: 0x180, memsz: 0x180 },
  { flags: PF_R | PF_W, filesz: 0x1100, memsz: 0x2300 },
];

/** One PT_LOAD as the builder laid it out. */
export interface BuiltLoad {
  /** p_offset. */
  offset: number;
  /** p_vaddr. */
  vaddr: number;
  /** p_filesz. */
  filesz: number;
  /** p_memsz. */
  memsz: number;
  /** p_flags. */
  flags: number;
  /** p_align. */
  align: number;
}

/** The tables the builder places in the metadata segment. */
export type BuiltTable = 'dynstr' | 'dynsym' | 'hash' | 'gnuHash' | 'versym' | 'rela' | 'jmprel' | 'dynamic';

/** A built image and where its parts are. */
export interface BuiltElf {
  /** The image. */
  bytes: Uint8Array;
  /** File offset of each table in the metadata segment. */
  offsets: Readonly<Record<BuiltTable, number>>;
  /** The PT_LOADs as laid out. */
  loads: readonly BuiltLoad[];
}

const pageUp = (n: number) => Math.ceil(n / BUILD_PAGE) * BUILD_PAGE;
const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Orders symbols as DT_GNU_HASH needs: locals and undefined first, then the defined globals. */
export function orderedSymbols(spec: BuildSpec): BuildSymbol[] {
  const symbols = spec.symbols ?? [];
  const hashed = (s: BuildSymbol) => s.defined && s.bind !== 'local';
  return [...symbols.filter((s) => !hashed(s)), ...symbols.filter(hashed)];
}

/** Builds the image `spec` describes. */
export function buildElf(spec: BuildSpec = {}): BuiltElf {
  const segments = spec.segments ?? DEFAULT_SEGMENTS;
  const symbols = orderedSymbols(spec);
  const strings = stringTable([
    ...(spec.needed ?? []), ...[spec.soname, spec.runpath, spec.rpath].filter((s): s is string => s !== undefined),
    ...symbols.map((s) => s.name),
  ]);
  const hash = spec.hash ?? 'gnu';
  const symoffset = 1 + symbols.filter((s) => !s.defined || s.bind === 'local').length;
  const defNames = symbols.slice(symoffset - 1).map((s) => s.name);
  const phnum = 1 + segments.length + (spec.noDynamic === true ? 0 : 1) + (spec.relro ? 1 : 0) + (spec.tls ? 1 : 0) +
    ((spec.stack ?? 'nx') === 'none' ? 0 : 1);
  const parts: [keyof BuiltElf['offsets'], Uint8Array][] = [
    ['dynstr', strings.bytes],
    ['dynsym', new Uint8Array((symbols.length + 1) * D.SYM_SIZE)], // filled once values are known
    ['hash', hash === 'sysv' || hash === 'both' ? sysvHashTable(symbols.length + 1) : new Uint8Array()],
    ['gnuHash', hash === 'gnu' || hash === 'both' ? gnuHashTable(symoffset, defNames) : new Uint8Array()],
    ['versym', spec.versym === true ? versymTable(symbols) : new Uint8Array()],
  ];
  const offsets: Record<string, number> = {};
  let cursor = EHDR_SIZE + phnum * PHDR_SIZE;
  for (const [name, bytes] of parts) {
    offsets[name] = cursor = align8(cursor);
    cursor += bytes.length;
  }
  const relocs = spec.relocs ?? [];
  const nRela = relocs.filter((r) => r.table === 'rela').length;
  const nJmp = relocs.length - nRela;
  offsets.rela = cursor = align8(cursor);
  offsets.jmprel = cursor += nRela * D.RELA_SIZE;
  offsets.dynamic = cursor += nJmp * D.RELA_SIZE;
  const dynamicCount = 32 + (spec.needed?.length ?? 0) + (spec.extraDynamic?.length ?? 0);
  const metaEnd = cursor + (spec.noDynamic === true ? 0 : dynamicCount * D.DYN_SIZE);

  const align = spec.metadataAlign ?? BUILD_PAGE;
  const loads: BuiltLoad[] = [{ offset: 0, vaddr: 0, filesz: metaEnd, memsz: metaEnd, flags: PF_R, align }];
  let vnext = pageUp(metaEnd);
  let fnext = pageUp(metaEnd);
  for (const seg of segments) {
    const within = seg.pageOffset ?? 0;
    const vaddr = vnext + (seg.gapPages ?? 0) * BUILD_PAGE + within;
    const offset = fnext + within;
    const { filesz, memsz, flags } = seg;
    loads.push({ offset, vaddr, filesz, memsz, flags, align: seg.align ?? BUILD_PAGE });
    vnext = pageUp(vaddr + seg.memsz);
    fnext = pageUp(offset + seg.filesz);
  }
  const last = loads[loads.length - 1] ?? loads[0]!;
  const fileEnd = Math.max(...loads.map((l) => l.offset + l.filesz));
  const shoff = align8(fileEnd);
  const size = spec.sectionHeaders === true ? shoff + 2 * SHDR_SIZE : fileEnd;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  loads.slice(1).forEach((l, i) => bytes.fill(0x90 + i, l.offset, l.offset + l.filesz));

  // ELF header.
  bytes.set([0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT], 0);
  view.setUint16(16, ET_DYN, true);
  view.setUint16(18, EM_X86_64, true);
  view.setUint32(20, EV_CURRENT, true);
  view.setBigUint64(32, BigInt(EHDR_SIZE), true);
  view.setUint16(52, EHDR_SIZE, true);
  view.setUint16(54, PHDR_SIZE, true);
  view.setUint16(56, phnum, true);
  view.setUint16(58, SHDR_SIZE, true);

  // Program headers.
  let ph = 0;
  /** Writes the next program header; `fields` are p_offset, p_vaddr, p_filesz, p_memsz, p_align. */
  const phdr = (type: number, flags: number, ...fields: [number, number, number, number, number]) => {
    const [offset, vaddr, filesz, memsz, alignment] = fields;
    const at = EHDR_SIZE + ph++ * PHDR_SIZE;
    view.setUint32(at, type, true);
    view.setUint32(at + 4, flags, true);
    [offset, vaddr, vaddr, filesz, memsz, alignment].forEach((v, i) => view.setBigUint64(at + 8 + i * 8, BigInt(v), true));
  };
  for (const l of loads) phdr(PT_LOAD, l.flags, l.offset, l.vaddr, l.filesz, l.memsz, l.align);
  const dynSize = dynamicCount * D.DYN_SIZE;
  if (spec.noDynamic !== true) phdr(PT_DYNAMIC, PF_R | PF_W, offsets.dynamic, offsets.dynamic, dynSize, dynSize, 8);
  const at = (segment: number) => loads[segment] ?? last;
  if (spec.tls) {
    const s = at(spec.tls.segment);
    phdr(PT_TLS, PF_R, s.offset, s.vaddr, spec.tls.filesz, spec.tls.memsz, spec.tls.align);
  }
  if (spec.relro) {
    const s = at(spec.relro.segment);
    phdr(PT_GNU_RELRO, PF_R, s.offset, s.vaddr, spec.relro.memsz, spec.relro.memsz, 1);
  }
  if ((spec.stack ?? 'nx') !== 'none') {
    phdr(PT_GNU_STACK, spec.stack === 'x' ? PF_R | PF_W | PF_X : PF_R | PF_W, 0, 0, 0, 0, 16);
  }

  // Tables.
  const code = at(1).vaddr;
  const data = last.vaddr;
  for (const [name, table] of parts) if (name !== 'dynsym') bytes.set(table, offsets[name]!);
  bytes.set(symbolTable(symbols, strings.offsets, code), offsets.dynsym!);
  const index = new Map(symbols.map((s, i) => [s.name, i + 1]));
  bytes.set(relaTable(relocs.filter((r) => r.table === 'rela'), index, data), offsets.rela!);
  bytes.set(relaTable(relocs.filter((r) => r.table === 'jmprel'), index, data + 0x100), offsets.jmprel!);
  if (spec.noDynamic !== true) {
    const places = { ...offsets, strsz: strings.bytes.length, nRela, nJmp, code, data };
    const entries = dynamicEntries(spec, strings.offsets, places);
    bytes.set(entries.subarray(0, dynSize), offsets.dynamic!);
  }
  if (spec.sectionHeaders === true) {
    const sh = shoff + SHDR_SIZE;
    view.setUint32(sh + 4, SHT_DYNSYM, true);
    view.setBigUint64(sh + 16, BigInt(offsets.dynsym!), true);
    view.setBigUint64(sh + 24, BigInt(offsets.dynsym!), true);
    view.setBigUint64(sh + 32, BigInt((symbols.length + 1) * D.SYM_SIZE), true);
    view.setBigUint64(sh + 56, BigInt(D.SYM_SIZE), true);
    view.setBigUint64(40, BigInt(shoff), true);
    view.setUint16(60, 2, true);
  }
  return { bytes, offsets: offsets as BuiltElf['offsets'], loads };
}
