/**
 * Mutants departing in where and how dlmem places the object, the source, premap and the ELF checks (mutants-place.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-place.c`, in its table's order. */
export const MUTANTS_PLACE: readonly Mutant[] = [
];
