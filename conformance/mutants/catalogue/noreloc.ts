/**
 * Mutants departing in RTLD_NORELOCATE, the move queries, dlset_object_base and dlrelocate (mutants-noreloc.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-noreloc.c`, in its table's order. */
export const MUTANTS_NORELOC: readonly Mutant[] = [
  {
    id: 'noreloc-relocates-at-dlopen', clause: 'noreloc.defer.ctors', base: 'noreloc',
    does: 'relocates (and so runs the constructors of) an object opened with RTLD_NORELOCATE before dlopen returns: relocation shows through its constructors',
  },
  { id: 'mapinfo-wrong-extent', clause: 'noreloc.mapinfo.extent', base: 'noreloc', does: 'reports map_length one page too long' },
  { id: 'mapinfo-wrong-relocated', clause: 'noreloc.mapinfo.relocated', base: 'noreloc', does: 'reports relocated the wrong way round' },
  { id: 'mapinfo-wrong-align', clause: 'noreloc.mapinfo.align', base: 'noreloc', does: 'reports map_align twice too large' },
  { id: 'deplist-drops-one', clause: 'noreloc.deplist.contents', base: 'noreloc', does: 'leaves the first dependency out of RTLD_DI_DEPLIST' },
  { id: 'setbase-ignored', clause: 'noreloc.setbase.records', base: 'noreloc', does: 'returns 0 from dlset_object_base and records nothing' },
  { id: 'setbase-accepts-relocated', clause: 'noreloc.setbase.relocated-branch', base: 'noreloc', does: 'returns 0 from dlset_object_base on a relocated object' },
  { id: 'dlrelocate-again-succeeds', clause: 'noreloc.dlrelocate.already-branch', base: 'noreloc', does: 'returns 0 from a dlrelocate on an object already relocated' },
  { id: 'close-after-failure-runs-dtor', clause: 'noreloc.close.after-failure', base: 'noreloc', does: 'reports the destructor of an unrelocated object (one whose relocation failed) as run when dlclose unloads it' },
  { id: 'setbase-relocated-returns-zero', clause: 'noreloc.setbase.relocated', base: 'noreloc', does: 'returns 0 from dlset_object_base on a relocated object (as setbase-accepts-relocated, judged by the second form\'s rule)' },
];
