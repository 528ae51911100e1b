/**
 * Mutants departing in the thread's fdlopen and dlopen_with_offset (mutants-fdlopen.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-fdlopen.c`, in its table's order. */
export const MUTANTS_FDLOPEN: readonly Mutant[] = [
];
