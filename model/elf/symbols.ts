/**
 * The dynamic symbol table, split into the symbols the object defines (what dlsym and other
 * objects can find) and those it references (what must be found elsewhere).
 *
 * @module
 */
import { toNumber, u16, u32, u64, u8, type ImageBytes } from './bytes.js';
import {
  SHN_UNDEF, STB_GLOBAL, STB_GNU_UNIQUE, STB_WEAK, STT_FUNC, STT_GNU_IFUNC, STT_OBJECT, STT_TLS,
  STV_HIDDEN, STV_INTERNAL, SYM_SIZE, VERSYM_HIDDEN,
} from './dyn-constants.js';
import { ok, type Checked } from './defect.js';
import type { StringReader } from './strings.js';
import type { DefinedSymbol, DefinedSymbolType, SymbolInfo, UndefinedSymbol, UndefinedSymbolType } from './types.js';
import type { FileSpan } from './vaddr.js';

/** Where the symbol table and its companions are. */
export interface SymbolSources {
  /** The symbol table's file span. */
  symtab: FileSpan;
  /** Number of entries to read, already capped by `symtab.available`. */
  count: number;
  /** DT_VERSYM's file span, when present and inside the image. */
  versym?: FileSpan;
  /** Symbol indices referenced only through the PLT. */
  pltOnly: ReadonlySet<number>;
  /**
   * The count is only an upper bound (no hash table, no section header): the first symbol whose
   * name is not in the string table ends the table instead of being a defect.
   */
  lenient: boolean;
}

/** Reads symbols 1 to `count - 1` (symbol 0 is the null symbol). */
export function readSymbols(img: ImageBytes, strings: StringReader, sources: SymbolSources): Checked<SymbolInfo> {
  const defined = new Map<string, DefinedSymbol>();
  const hiddenVersion = new Set<string>();
  const undefinedSymbols: UndefinedSymbol[] = [];
  for (let index = 1; index < sources.count; index++) {
    const at = sources.symtab.offset + index * SYM_SIZE;
    const info = u8(img, at + 4) ?? 0;
    const bind = info >> 4;
    if (bind !== STB_GLOBAL && bind !== STB_WEAK && bind !== STB_GNU_UNIQUE) continue;
    const named = strings.read(u32(img, at) ?? 0, `symbol ${index}`);
    if (!named.ok) {
      if (sources.lenient) break;
      return named;
    }
    const name = named.value;
    if (name === '') continue;
    const type = info & 0xf;
    if ((u16(img, at + 6) ?? 0) === SHN_UNDEF) {
      const viaPlt = sources.pltOnly.has(index);
      undefinedSymbols.push({ name, type: undefinedType(type), weak: bind === STB_WEAK, viaPlt });
      continue;
    }
    const visibility = (u8(img, at + 5) ?? 0) & 0x3;
    if (visibility === STV_HIDDEN || visibility === STV_INTERNAL) continue;
    // With symbol versions a name may be defined twice (foo@V1, foo@@V2): the default version wins.
    const hidden = isHiddenVersion(img, sources.versym, index);
    if (defined.has(name) && (hidden || !hiddenVersion.has(name))) continue;
    if (hidden) hiddenVersion.add(name);
    else hiddenVersion.delete(name);
    defined.set(name, {
      value: toNumber(u64(img, at + 8) ?? 0n),
      size: toNumber(u64(img, at + 16) ?? 0n),
      type: definedType(type),
    });
  }
  return ok({ defined, undefined: undefinedSymbols });
}

function isHiddenVersion(img: ImageBytes, versym: FileSpan | undefined, index: number): boolean {
  if (versym === undefined || (index + 1) * 2 > versym.available) return false;
  return ((u16(img, versym.offset + index * 2) ?? 0) & VERSYM_HIDDEN) !== 0;
}

function definedType(type: number): DefinedSymbolType {
  if (type === STT_FUNC || type === STT_GNU_IFUNC) return 'func';
  if (type === STT_OBJECT) return 'object';
  return type === STT_TLS ? 'tls' : 'other';
}

function undefinedType(type: number): UndefinedSymbolType {
  if (type === STT_FUNC || type === STT_GNU_IFUNC) return 'func';
  if (type === STT_OBJECT) return 'object';
  return type === STT_TLS ? 'tls' : 'notype';
}
