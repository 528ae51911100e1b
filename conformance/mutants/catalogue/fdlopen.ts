/**
 * Mutants departing in the thread's fdlopen and dlopen_with_offset (mutants-fdlopen.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-fdlopen.c`, in its table's order. */
export const MUTANTS_FDLOPEN: readonly Mutant[] = [
  { id: 'fdlopen-maps-from-page-1', clause: 'fdlopen.def.mapping', base: 'dlmem', does: 'maps the file from its second page instead of from offset 0' },
  { id: 'fdlopen-keeps-mapping', clause: 'fdlopen.def.maps-file', base: 'dlmem', does: 'leaves its mapping of the whole file in place after dlmem returns' },
  { id: 'fdlopen-closes-fd', clause: 'fdlopen.def.fd-kept', base: 'dlmem', does: 'closes the caller\'s fd after loading from it' },
  { id: 'fdlopen-proc-path', clause: 'fdlopen.def.name', base: 'dlmem-own', does: 'dlopens /proc/self/fd/N instead of calling dlmem, so the object is named by that path' },
  { id: 'offset-aligned-tmpfile', clause: 'dlopen-offset.def.aligned', base: 'dlmem-own', does: 'copies an image at a page-aligned offset into a temporary file and maps that, so its segments are not the container\'s pages' },
  { id: 'offset-unaligned-page', clause: 'dlopen-offset.def.unaligned', base: 'dlmem', does: 'copies an unaligned image from the start of its page, dropping the in-page offset' },
  { id: 'offset-checks-container', clause: 'dlopen-offset.def.container', base: 'dlmem', does: 'fails unless the container file itself starts with an ELF magic' },
  { id: 'offset-rest-unsubtracted', clause: 'dlopen-offset.def.three-argument', base: 'dlmem', does: 'takes the three-argument form\'s length as the whole file\'s size, without subtracting offset' },
];
