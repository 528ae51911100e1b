/**
 * Layout prediction: the extent and the mappings a conforming load produces, and their
 * comparison with /proc/self/maps.
 *
 * @module
 */
export { EXTENT_CLAUSES, extentOf, isPowerOfTwo, type Extent } from './extent.js';
export { LAYOUT_CLAUSES, predictLayout } from './predict.js';
export type { PredictedEntry, PredictedGap, PredictedRange } from './types.js';
export { PROT_NONE, PROT_READ_ONLY, protOfSegment, protString, sameProt, type Prot } from './prot.js';
export { isFileBacked, parseProcMaps, type MapsError, type MapsLine, type ParsedMaps } from './proc-maps.js';
export { mergeMaps } from './merge.js';
export { matchMaps } from './match.js';
export type { ExpectedBacking, MatchOptions, Mismatch, MismatchKind } from './mismatch.js';
