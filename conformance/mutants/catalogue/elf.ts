/**
 * Mutants departing in the ELF checks of dlmem (mutants-elf.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-elf.c`, in its table's order. */
export const MUTANTS_ELF: readonly Mutant[] = [
];
