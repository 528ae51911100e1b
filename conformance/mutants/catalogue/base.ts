/**
 * Mutants departing in the base dl* functions the first set leaves alone (mutants-base.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-base.c`, in its table's order. */
export const MUTANTS_BASE: readonly Mutant[] = [
];
