/**
 * The ELF64 little-endian x86-64 reader: turns an untrusted image into the facts the model uses,
 * or into the defect a loader rejects it for.
 *
 * @module
 */
export { readElf, type ReadOptions } from './read.js';
export type {
  DefinedSymbol, DefinedSymbolType, DynamicInfo, ElfAccepted, ElfImage, ElfRejected, ElfResult, LoadSegment,
  RelroRange, SymbolInfo, TlsTemplate, UndefinedSymbol, UndefinedSymbolType,
} from './types.js';
export type { DoubtKind, ElfDoubt } from './doubts.js';
export { DEFECT_CLAUSES, type DefectKind, type ElfDefect, OPEN_DEFECTS } from './defect.js';
