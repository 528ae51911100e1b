/**
 * Mutants departing in where and how dlmem places the object, the source, premap and the ELF checks (mutants-place.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-place.c`, in its table's order. */
export const MUTANTS_PLACE: readonly Mutant[] = [
  { id: 'place-unmaps-page', clause: 'dlmem.place.layout', base: 'dlmem', does: 'unmaps the page of a read-only segment after the first once dlmem has placed the object' },
  { id: 'place-bss-file-tail', clause: 'dlmem.place.bss-zero', base: 'dlmem', does: 'leaves the source bytes that follow p_filesz in the rest of the page holding a writable segment\'s last file byte' },
  { id: 'place-relro-writable', clause: 'dlmem.place.protections', base: 'dlmem', does: 'leaves the PT_GNU_RELRO pages writable after relocation' },
  { id: 'place-wrong-file-offset', clause: 'dlmem.place.file-offsets', base: 'dlmem-own', does: 'maps the executable segment\'s first page from the source file at another offset (holding the same bytes)' },
  { id: 'genbuf-maps-file', clause: 'dlmem.place.genbuf-copy', base: 'dlmem-own', does: 'with DLMEM_GENBUF_SRC, maps the executable segment\'s page from the source file instead of keeping the copy' },
  { id: 'premap-placed-elsewhere', clause: 'dlmem.place.premap-base', base: 'dlmem-own', does: 'calls premap but places the object in an anonymous mapping of its own' },
  { id: 'dontreplace-other-shm', clause: 'dlmem.place.dontreplace-shared', base: 'dlmem-own', does: 'with DLMEM_DONTREPLACE, moves the writable segment\'s pages into other shared memory holding the same bytes' },
  { id: 'source-refuses-virgin', clause: 'dlmem.source.virgin', base: 'dlmem', does: 'fails for a private file mapping as the source without DLMEM_GENBUF_SRC' },
  { id: 'source-refuses-shared', clause: 'dlmem.source.shared', base: 'dlmem', does: 'fails for a MAP_SHARED source without DLMEM_GENBUF_SRC' },
  { id: 'genbuf-refuses-anon', clause: 'dlmem.source.genbuf-any', base: 'dlmem-own', does: 'with DLMEM_GENBUF_SRC fails for a source that is not a file mapping (heap or anonymous memory)' },
  { id: 'source-reread-later', clause: 'dlmem.source.release-after', base: 'dlmem', does: 'reads the source again at each dlsym on the object (its ELF header, and a data symbol\'s initial bytes), so it keeps relying on the source after dlmem returned' },
  { id: 'premap-before-checks', clause: 'dlmem.premap.not-called-invalid', base: 'dlmem-own', does: 'calls premap before it checks the arguments and the image' },
  { id: 'premap-for-deps', clause: 'dlmem.premap.object-only', base: 'dlmem-own', does: 'calls premap once more for each dependency it loads' },
  { id: 'premap-refuses-usable', clause: 'dlmem.premap.return-usable', base: 'dlmem-own', does: 'fails (unloading what it loaded) when a usable premap return is not 2 MiB-aligned' },
  { id: 'dontreplace-zero-copy', clause: 'dlmem.premap.dontreplace-copy', base: 'dlmem-own', does: 'with DLMEM_DONTREPLACE, maps the executable segment\'s page from the source file over the premap mapping' },
];
