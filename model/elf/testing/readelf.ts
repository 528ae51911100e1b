/**
 * Parsers for `readelf -W` output, the independent account of a real object that tests compare
 * the reader against.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';

/** `readelf -W <args> <file>`. */
export function readelf(file: string, args: readonly string[]): string {
  return execFileSync('readelf', ['-W', ...args, file], { encoding: 'utf8' });
}

/** One program header line of `readelf -l`. */
export interface ReadelfPhdr {
  /** Type column (LOAD, DYNAMIC, GNU_RELRO, TLS, GNU_STACK, ...). */
  type: string;
  /** Offset. */
  offset: number;
  /** VirtAddr. */
  vaddr: number;
  /** FileSiz. */
  filesz: number;
  /** MemSiz. */
  memsz: number;
  /** Align. */
  align: number;
  /** Flg, as letters: R, W, E. */
  flags: string;
}

/** The program headers of `readelf -l` output. */
export function parsePhdrs(text: string): ReadelfPhdr[] {
  const hex = '\\s+0x([0-9a-f]+)';
  // Type Offset VirtAddr PhysAddr FileSiz MemSiz Flg Align
  const line = new RegExp(`^\\s+([A-Z_]+)${hex}${hex}\\s+0x[0-9a-f]+${hex}${hex}\\s+([RWE ]*?)\\s*0x([0-9a-f]+)\\s*$`);
  return text.split('\n').flatMap((l) => {
    const m = line.exec(l);
    if (m === null) return [];
    const n = (i: number) => parseInt(m[i] ?? '0', 16);
    const flags = (m[6] ?? '').replace(/ /g, '');
    return [{ type: m[1] ?? '', offset: n(2), vaddr: n(3), filesz: n(4), memsz: n(5), flags, align: n(7) }];
  });
}

/** One entry of `readelf -d`. */
export interface ReadelfDynamic {
  /** The tag name without DT_ (NEEDED, SONAME, ...). */
  tag: string;
  /** The rest of the line. */
  value: string;
}

/** The dynamic entries of `readelf -d` output. */
export function parseDynamic(text: string): ReadelfDynamic[] {
  return text.split('\n').flatMap((l) => {
    const m = /^\s*0x[0-9a-f]+\s+\((\w+)\)\s+(.*)$/.exec(l);
    return m === null ? [] : [{ tag: m[1] ?? '', value: m[2] ?? '' }];
  });
}

/** One symbol of `readelf --dyn-syms`. */
export interface ReadelfSymbol {
  /** Num. */
  index: number;
  /** Value. */
  value: number;
  /** Size. */
  size: number;
  /** Type (FUNC, OBJECT, TLS, NOTYPE, ...). */
  type: string;
  /** Bind (GLOBAL, WEAK, LOCAL, UNIQUE). */
  bind: string;
  /** Vis (DEFAULT, HIDDEN, PROTECTED, INTERNAL). */
  vis: string;
  /** Ndx (UND, ABS or a section number). */
  ndx: string;
  /** Name without any `@version` suffix. */
  name: string;
}

/** The symbols of `readelf --dyn-syms` output. */
export function parseDynSyms(text: string): ReadelfSymbol[] {
  const line = /^\s*(\d+):\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+(\w+)\s+(\w+)\s+(\w+)\s+(\w+)\s*(\S*)/;
  return text.split('\n').flatMap((l) => {
    const m = line.exec(l);
    if (m === null) return [];
    return [{
      index: Number(m[1]), value: parseInt(m[2] ?? '0', 16), size: Number(m[3]), type: m[4] ?? '', bind: m[5] ?? '',
      vis: m[6] ?? '', ndx: m[7] ?? '', name: (m[8] ?? '').split('@')[0] ?? '',
    }];
  });
}

/** One relocation of `readelf -r`: its section, type and symbol index (from r_info). */
export interface ReadelfReloc {
  /** The relocation section (.rela.dyn, .rela.plt). */
  section: string;
  /** The type name (R_X86_64_...). */
  type: string;
  /** The symbol index (r_info >> 32). */
  symbol: number;
}

/** The relocations of `readelf -r` output. */
export function parseRelocs(text: string): ReadelfReloc[] {
  let section = '';
  return text.split('\n').flatMap((l) => {
    const header = /^Relocation section '([^']+)'/.exec(l);
    if (header !== null) section = header[1] ?? '';
    const m = /^\s*[0-9a-f]{16}\s+([0-9a-f]{16})\s+(R_X86_64_\w+)/.exec(l);
    return m === null ? [] : [{ section, type: m[2] ?? '', symbol: Number(BigInt(`0x${m[1]}`) >> 32n) }];
  });
}
