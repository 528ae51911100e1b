/**
 * Mutants departing in dlmem's arguments, names, dependencies, failure and close (mutants-args.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-args.c`, in its table's order. */
export const MUTANTS_ARGS: readonly Mutant[] = [
];
