/**
 * Mutants departing in RTLD_NORELOCATE's deferral, triggers, dlrelocate, dlset_object_base and reopening (mutants-defer.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-defer.c`, in its table's order. */
export const MUTANTS_DEFER: readonly Mutant[] = [
];
