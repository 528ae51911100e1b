/**
 * Reading an untrusted image into an `ElfImage`, in the order a loader meets its parts:
 * ELF header, program header table, PT_LOAD segments, the other program headers, then the
 * dynamic section, its relocation tables and its symbols. The first defect met is the result;
 * nothing throws, and every loop is bounded by the bytes of the image.
 *
 * @module
 */
import { imageBytes, toSafe, type ImageBytes } from './bytes.js';
import { EHDR_SIZE, PHDR_SIZE } from './constants.js';
import { DF_1_PIE, DT_STRSZ, DT_STRTAB, DT_SYMTAB, DT_VERSYM } from './dyn-constants.js';
import { fail, hex, ok, type Checked } from './defect.js';
import { dynamicInfo } from './dynamic-info.js';
import { readDynamicTable } from './dynamic.js';
import { dynamicDoubts, headerDoubts, relroDoubts, type ElfDoubt } from './doubts.js';
import { readHeader, type ElfHeader } from './header.js';
import { validateLoads } from './loads.js';
import { readProgramHeaders } from './phdrs.js';
import { pltOnlySymbols } from './relocs.js';
import { readSpecialSegments, type DynamicSegment } from './segments.js';
import { stringReader, type StringTableSpan } from './strings.js';
import { symbolCount } from './symcount.js';
import { readSymbols } from './symbols.js';
import type { DynamicInfo, ElfResult, LoadSegment, SymbolInfo } from './types.js';
import { spanAt } from './vaddr.js';

/** How to read an image. */
export interface ReadOptions {
  /** The page size p_vaddr and p_offset must agree modulo (default 4096). */
  pageSize?: number;
  /**
   * Whether an image without PT_DYNAMIC is a defect (default true, as glibc). With false it reads
   * as an object with no dynamic section and no symbols, the other outcome dlmem.elf.no-dynamic
   * allows.
   */
  requireDynamic?: boolean;
}

/** Reads `data`, a whole ELF image, or says which defect a loader would reject it for. */
export function readElf(data: Uint8Array, options: ReadOptions = {}): ElfResult {
  const img = imageBytes(data);
  const header = readHeader(img);
  if (!header.ok) return header;
  const phdrs = readProgramHeaders(img, header.value);
  if (!phdrs.ok) return phdrs;
  const loads = validateLoads(img, phdrs.value, options.pageSize ?? 4096);
  if (!loads.ok) return loads;
  const special = readSpecialSegments(phdrs.value);
  if (!special.ok) return special;
  const { dynamic: segment, relro, tls, stackExec } = special.value;
  let dynamic: { info: DynamicInfo; symbols: SymbolInfo; doubts: readonly ElfDoubt[] } | undefined;
  if (segment !== undefined) {
    const read = readDynamic(img, header.value, loads.value, segment);
    if (!read.ok) return read;
    dynamic = read.value;
  } else if (options.requireDynamic ?? true) {
    return fail('no-dynamic', `none of the ${phdrs.value.length} program headers is a PT_DYNAMIC with p_filesz > 0`);
  }
  const h = header.value;
  const doubts = [...headerDoubts(img), ...relroDoubts(relro, loads.value), ...(dynamic?.doubts ?? [])];
  return {
    ok: true,
    elf: {
      e_type: h.e_type, e_machine: h.e_machine, e_entry: h.e_entry,
      // The program header table was checked to fit in the image, so e_phoff is exact.
      headersEnd: Math.max(EHDR_SIZE, Number(h.e_phoff) + h.e_phnum * PHDR_SIZE),
      loads: loads.value,
      ...(relro === undefined ? {} : { relro }),
      ...(tls === undefined ? {} : { tls }),
      stackExec,
      isPie: ((dynamic?.info.flags1 ?? 0) & DF_1_PIE) !== 0,
      ...(segment === undefined ? {} : { dynamicVaddr: segment.vaddr }),
      dynamic: dynamic?.info,
      symbols: dynamic?.symbols ?? { defined: new Map(), undefined: [] },
      ...(doubts.length === 0 ? {} : { doubts }),
    },
  };
}

function readDynamic(
  img: ImageBytes, header: ElfHeader, loads: readonly LoadSegment[], segment: DynamicSegment,
): Checked<{ info: DynamicInfo; symbols: SymbolInfo; doubts: readonly ElfDoubt[] }> {
  const table = readDynamicTable(img, loads, segment);
  if (!table.ok) return table;
  const values = table.value.values;
  const doubts = dynamicDoubts(img, loads, table.value);
  const strtab = values.get(DT_STRTAB);
  const strSpan = strtab === undefined ? undefined : spanAt(loads, strtab);
  if (strtab !== undefined && strSpan === undefined) {
    return fail('dynamic-out-of-range', `DT_STRTAB ${hex(strtab)} is not in the file-backed part of any PT_LOAD`);
  }
  const strsz = toSafe(values.get(DT_STRSZ) ?? BigInt(Number.MAX_SAFE_INTEGER)) ?? Number.MAX_SAFE_INTEGER;
  const tableSpan: StringTableSpan | undefined =
    strSpan === undefined ? undefined : { offset: strSpan.offset, size: Math.min(strsz, strSpan.available) };
  const strings = stringReader(img, tableSpan);
  const info = dynamicInfo(table.value, strings);
  if (!info.ok) return info;
  const pltOnly = pltOnlySymbols(img, loads, table.value);
  if (!pltOnly.ok) return pltOnly;
  const symtab = values.get(DT_SYMTAB);
  if (symtab === undefined) return ok({ info: info.value, symbols: { defined: new Map(), undefined: [] }, doubts });
  const symSpan = spanAt(loads, symtab);
  if (symSpan === undefined) {
    return fail('dynamic-out-of-range', `DT_SYMTAB ${hex(symtab)} is not in the file-backed part of any PT_LOAD`);
  }
  const counted = symbolCount(img, loads, table.value, header, symSpan, toSafe(symtab) ?? 0);
  if (!counted.ok) return counted;
  const versymAt = values.get(DT_VERSYM);
  const versym = versymAt === undefined ? undefined : spanAt(loads, versymAt);
  const symbols = readSymbols(img, strings, {
    symtab: symSpan,
    count: counted.value.count,
    pltOnly: pltOnly.value,
    lenient: counted.value.source === 'bound',
    ...(versym === undefined ? {} : { versym }),
  });
  if (!symbols.ok) return symbols;
  return ok({ info: info.value, symbols: symbols.value, doubts });
}
