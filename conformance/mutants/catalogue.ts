/**
 * The catalogue of mutant loaders: each a small, documented departure from one clause, made by
 * the mutant library (`mutants*.c`), which the driver loads when DLSPEC_MUTANT_LIB names it and
 * which wraps entries of the driver's table of dl* functions (../driver/mutant.h). A mutant is
 * killed when a conformance run on it FAILs naming its clause where the same loader unmutated did
 * not.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { HelloLine } from '../protocol.js';
import { MUTANTS_ARGS } from './catalogue/args.js';
import { MUTANTS_BASE } from './catalogue/base.js';
import { MUTANTS_DEFER } from './catalogue/defer.js';
import { MUTANTS_DLMEM } from './catalogue/dlmem.js';
import { MUTANTS_ELF } from './catalogue/elf.js';
import { MUTANTS_FDLOPEN } from './catalogue/fdlopen.js';
import { MUTANTS_LIBC } from './catalogue/libc.js';
import { MUTANTS_NORELOC } from './catalogue/noreloc.js';
import { MUTANTS_PLACE } from './catalogue/place.js';

/** Which loaders a mutant can be made of. */
export type MutantBase =
  /** Any loader: the departure is in a libc dl* function or in the constructor events. */
  | 'libc'
  /** A loader with dlmem: its own, or the memfd compatibility layer. */
  | 'dlmem'
  /** A loader with its own dlmem (a --libc build of the dlmem branch): premap and flags reach it. */
  | 'dlmem-own'
  /** A loader with RTLD_NORELOCATE (a --libc build of the noreloc branch). */
  | 'noreloc';

/** One mutant loader. */
export interface Mutant {
  /** Its id, as DLSPEC_MUTANT names it to the mutant library. */
  readonly id: string;
  /** The clause it departs from. */
  readonly clause: ClauseId;
  /** What it is made of. */
  readonly base: MutantBase;
  /** What it does, in one sentence. */
  readonly does: string;
  /**
   * Why the departure is allowed after all, when it is: then it is no mutant of a normative clause,
   * its survival is expected and it does not count in the score.
   */
  readonly allowed?: string;
  /** A C library the departure cannot be made on (hello's `libc` starts with it), and why. */
  readonly notOn?: { readonly libc: string; readonly why: string };
}

/** Every mutant, by the part of the API its departure is in (one catalogue file per mutants-*.c file). */
export const MUTANTS: readonly Mutant[] = [
  ...MUTANTS_LIBC, ...MUTANTS_BASE, ...MUTANTS_DLMEM, ...MUTANTS_ARGS, ...MUTANTS_PLACE, ...MUTANTS_ELF,
  ...MUTANTS_FDLOPEN,
  ...MUTANTS_NORELOC, ...MUTANTS_DEFER,
];


/** Whether a loader that said `hello` can be made into `mutant`. */
export function canMutate(mutant: Mutant, hello: HelloLine): boolean {
  if (mutant.notOn !== undefined && hello.libc.startsWith(mutant.notOn.libc)) return false;
  switch (mutant.base) {
    case 'libc': return true;
    case 'dlmem': return hello.apis.dlmem;
    case 'dlmem-own': return hello.apis.dlmem && hello.compat === undefined;
    case 'noreloc': return hello.apis.dlrelocate && hello.apis.dlset_object_base;
  }
}

/** The id of `mutant` made of the loader `base`. */
export function mutantLoaderId(base: string, mutant: Mutant): string {
  return `${base}~${mutant.id}`;
}

/** The base loader and mutant ids of a mutant loader's id, or undefined for any other loader. */
export function splitMutantId(id: string): { base: string; mutant: string } | undefined {
  const at = id.lastIndexOf('~');
  return at < 0 ? undefined : { base: id.slice(0, at), mutant: id.slice(at + 1) };
}
