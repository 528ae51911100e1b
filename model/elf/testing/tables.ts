/**
 * Serialisation of the dynamic tables for the test builder: string table, symbol table,
 * relocation tables, DT_VERSYM and the dynamic section.
 *
 * @module
 */
import * as D from '../dyn-constants.js';
import type { BuildReloc, BuildSpec, BuildSymbol } from './spec.js';

/** A string table and the offset of each string in it. */
export interface StringTableBytes {
  /** The table: a NUL, then each distinct string with its NUL. */
  bytes: Uint8Array;
  /** Offset of each string. */
  offsets: ReadonlyMap<string, number>;
}

/** Builds a string table holding `names`. */
export function stringTable(names: readonly string[]): StringTableBytes {
  const offsets = new Map<string, number>([['', 0]]);
  const chunks: Uint8Array[] = [new Uint8Array(1)];
  let size = 1;
  for (const name of names) {
    if (offsets.has(name)) continue;
    const encoded = new TextEncoder().encode(`${name}\0`);
    offsets.set(name, size);
    chunks.push(encoded);
    size += encoded.length;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { bytes, offsets };
}

const TYPES = { func: D.STT_FUNC, object: D.STT_OBJECT, tls: D.STT_TLS, notype: D.STT_NOTYPE } as const;
const BINDS = { global: D.STB_GLOBAL, weak: D.STB_WEAK, local: D.STB_LOCAL } as const;

/** The symbol table: the null symbol, then `symbols`; defined ones default to `code + 16 * i`. */
export function symbolTable(
  symbols: readonly BuildSymbol[], names: ReadonlyMap<string, number>, code: number,
): Uint8Array {
  const bytes = new Uint8Array((symbols.length + 1) * D.SYM_SIZE);
  const view = new DataView(bytes.buffer);
  symbols.forEach((s, i) => {
    const at = (i + 1) * D.SYM_SIZE;
    view.setUint32(at, names.get(s.name) ?? 0, true);
    view.setUint8(at + 4, (BINDS[s.bind ?? 'global'] << 4) | TYPES[s.type ?? 'func']);
    view.setUint8(at + 5, s.hidden === true ? D.STV_HIDDEN : D.STV_DEFAULT);
    view.setUint16(at + 6, s.defined ? 1 : D.SHN_UNDEF, true);
    view.setBigUint64(at + 8, BigInt(s.defined ? (s.value ?? code + 16 * i) : 0), true);
    view.setBigUint64(at + 16, BigInt(s.size ?? 8), true);
  });
  return bytes;
}

/** DT_VERSYM: 0 for the null symbol, 1 (global) for the others, 0x8002 for a hidden version. */
export function versymTable(symbols: readonly BuildSymbol[]): Uint8Array {
  const bytes = new Uint8Array((symbols.length + 1) * 2);
  const view = new DataView(bytes.buffer);
  symbols.forEach((s, i) => view.setUint16((i + 1) * 2, s.hiddenVersion === true ? D.VERSYM_HIDDEN | 2 : 1, true));
  return bytes;
}

/** Elf64_Rela entries for `relocs`, at consecutive 8-byte slots from `target`. */
export function relaTable(
  relocs: readonly BuildReloc[], index: ReadonlyMap<string, number>, target: number,
): Uint8Array {
  const bytes = new Uint8Array(relocs.length * D.RELA_SIZE);
  const view = new DataView(bytes.buffer);
  relocs.forEach((r, i) => {
    const at = i * D.RELA_SIZE;
    view.setBigUint64(at, BigInt(target + 8 * i), true);
    view.setUint32(at + 8, r.type, true);
    view.setUint32(at + 12, index.get(r.symbol) ?? 0, true);
  });
  return bytes;
}

/** Where the builder put things, for the dynamic section. */
export interface DynamicPlaces {
  [table: string]: number;
}

/** The dynamic section: every entry `spec` calls for, the extra ones, DT_NULL, then zero padding. */
export function dynamicEntries(spec: BuildSpec, names: ReadonlyMap<string, number>, at: DynamicPlaces): Uint8Array {
  const entries: [number, bigint][] = [];
  const add = (tag: number, value: number | bigint) => entries.push([tag, BigInt(value)]);
  const str = (name: string) => names.get(name) ?? 0;
  for (const name of spec.needed ?? []) add(D.DT_NEEDED, str(name));
  if (spec.soname !== undefined) add(D.DT_SONAME, str(spec.soname));
  if (spec.runpath !== undefined) add(D.DT_RUNPATH, str(spec.runpath));
  if (spec.rpath !== undefined) add(D.DT_RPATH, str(spec.rpath));
  if (spec.init === true) add(D.DT_INIT, at.code ?? 0);
  if (spec.initArraySize !== undefined) {
    add(D.DT_INIT_ARRAY, at.data ?? 0);
    add(D.DT_INIT_ARRAYSZ, spec.initArraySize);
  }
  if (spec.finiArraySize !== undefined) {
    add(D.DT_FINI_ARRAY, at.data ?? 0);
    add(D.DT_FINI_ARRAYSZ, spec.finiArraySize);
  }
  const hash = spec.hash ?? 'gnu';
  if (hash === 'sysv' || hash === 'both') add(D.DT_HASH, at.hash ?? 0);
  if (hash === 'gnu' || hash === 'both') add(D.DT_GNU_HASH, at.gnuHash ?? 0);
  add(D.DT_STRTAB, at.dynstr ?? 0);
  add(D.DT_SYMTAB, at.dynsym ?? 0);
  add(D.DT_STRSZ, at.strsz ?? 0);
  add(D.DT_SYMENT, D.SYM_SIZE);
  if (spec.versym === true) add(D.DT_VERSYM, at.versym ?? 0);
  if ((at.nRela ?? 0) > 0) {
    add(D.DT_RELA, at.rela ?? 0);
    add(D.DT_RELASZ, (at.nRela ?? 0) * D.RELA_SIZE);
    add(D.DT_RELAENT, D.RELA_SIZE);
  }
  if ((at.nJmp ?? 0) > 0) {
    add(D.DT_JMPREL, at.jmprel ?? 0);
    add(D.DT_PLTRELSZ, (at.nJmp ?? 0) * D.RELA_SIZE);
    add(D.DT_PLTREL, D.DT_RELA);
  }
  if (spec.textrel === true) add(D.DT_TEXTREL, 0);
  if (spec.flags1 !== undefined) add(D.DT_FLAGS_1, spec.flags1);
  for (const [tag, value] of spec.extraDynamic ?? []) add(tag, value);
  const bytes = new Uint8Array((entries.length + 1) * D.DYN_SIZE + 32 * D.DYN_SIZE);
  const view = new DataView(bytes.buffer);
  entries.forEach(([tag, value], i) => {
    view.setBigUint64(i * D.DYN_SIZE, BigInt.asUintN(64, BigInt(tag)), true);
    view.setBigUint64(i * D.DYN_SIZE + 8, BigInt.asUintN(64, value), true);
  });
  return bytes;
}
