/**
 * Mutants departing in RTLD_NORELOCATE's deferral, triggers, dlrelocate, dlset_object_base and reopening (mutants-defer.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-defer.c`, in its table's order. */
export const MUTANTS_DEFER: readonly Mutant[] = [
  { id: 'noreloc-lazy-refused', clause: 'noreloc.mode.flag', base: 'noreloc', does: 'refuses RTLD_NORELOCATE together with RTLD_LAZY ("invalid mode"), accepting it only with RTLD_NOW' },
  { id: 'noreloc-maps-part', clause: 'noreloc.defer.relocation', base: 'noreloc', does: 'leaves the last page of a fresh object opened with the bit unmapped: dlopen returns an object only partly mapped' },
  {
    id: 'noreloc-deps-late', clause: 'noreloc.defer.deps-loaded', base: 'noreloc',
    does: 'maps only the first page (the headers) of each dependency newly loaded with an object opened with the bit, as if the rest waited for the relocation',
  },
  {
    id: 'noreloc-deps-relocated', clause: 'noreloc.defer.deps-deferred', base: 'noreloc',
    does: 'relocates the dependencies newly loaded with an object opened with the bit, running their constructors, before dlopen returns (the 13 April reading)',
  },
  { id: 'noreloc-page-unreadable', clause: 'noreloc.defer.readable', base: 'noreloc', does: 'makes the last page of a fresh unrelocated object PROT_NONE' },
  { id: 'noreloc-final-prot-wrong', clause: 'noreloc.defer.final-protections', base: 'noreloc', does: 'leaves the first page of an object dlrelocate relocated in place writable, which its p_flags do not allow' },
  { id: 'dlsym-refuses-unrelocated', clause: 'noreloc.trigger.dlsym', base: 'noreloc', does: 'fails dlsym on the handle of an unrelocated object instead of relocating it first' },
  { id: 'first-dlsym-refused', clause: 'noreloc.trigger.first-operation', base: 'noreloc', does: 'fails dlsym on an unrelocated handle instead of relocating the object first (as dlsym-refuses-unrelocated, judged by the second form\'s first-operation rule)' },
  { id: 'setbase-relocates', clause: 'noreloc.trigger.setbase-exempt', base: 'noreloc', does: 'relocates the object (running its constructors) right after recording its new base' },
  { id: 'mapinfo-relocates', clause: 'noreloc.trigger.move-queries-exempt', base: 'noreloc', does: 'relocates an unrelocated object before answering RTLD_DI_MAPINFO or RTLD_DI_DEPLIST on it' },
  { id: 'dlinfo-linkmap-relocates', clause: 'noreloc.trigger.branch-operations', base: 'noreloc', does: 'relocates an unrelocated object before answering any other dlinfo request (RTLD_DI_LINKMAP, RTLD_DI_ORIGIN, …)' },
  { id: 'dlsym-default-relocates', clause: 'noreloc.trigger.not-handle', base: 'noreloc', does: 'relocates every unrelocated object before a dlsym on RTLD_DEFAULT or RTLD_NEXT' },
  { id: 'dlsym-after-failed-trigger', clause: 'noreloc.trigger.implicit-failure', base: 'noreloc', does: 'when the relocation a dlsym triggers fails, looks the symbol up in the failed image and returns its address' },
  { id: 'dlsym-relocates-twice', clause: 'noreloc.trigger.once', base: 'noreloc', does: 'relocates (and constructs) an object again at the next dlsym on its handle after the one that triggered its relocation' },
  { id: 'dlrelocate-returns-one', clause: 'noreloc.dlrelocate.first', base: 'noreloc', does: 'returns 1 instead of 0 from a dlrelocate that relocated the object' },
  { id: 'dlrelocate-main-succeeds', clause: 'noreloc.dlrelocate.plain-handle-branch', base: 'noreloc', does: "returns 0 from dlrelocate on the main program's handle" },
  { id: 'dlrelocate-failure-number', clause: 'noreloc.dlrelocate.failure-branch', base: 'noreloc', does: 'returns 1 instead of -1 when the relocation dlrelocate performs fails' },
  { id: 'dlrelocate-failure-einval', clause: 'noreloc.dlrelocate.failure', base: 'noreloc', does: 'returns EINVAL, the second form\'s "already relocated", when a relocation fails' },
  { id: 'dlrelocate-retry-succeeds', clause: 'noreloc.dlrelocate.after-failure', base: 'noreloc', does: 'returns 0 from a dlrelocate after a failed one on the same handle, running no constructor' },
  { id: 'dlrelocate-dependency-succeeds', clause: 'noreloc.dlrelocate.dependency', base: 'noreloc', does: "returns 0 from dlrelocate on an unrelocated dependency's handle, relocating nothing" },
  { id: 'setbase-runs-ctor', clause: 'noreloc.setbase.no-ctors', base: 'noreloc', does: "reports the object's constructor as run by dlset_object_base" },
  { id: 'setbase-keeps-old-range', clause: 'noreloc.setbase.old-range', base: 'noreloc', does: 'still reads the old range of a moved object at every later dlsym or dlrelocate (which faults once the caller has unmapped it)' },
  { id: 'moved-final-prot-wrong', clause: 'noreloc.setbase.final-layout', base: 'noreloc', does: 'leaves the first page of a moved object writable once dlrelocate has relocated it at its new base' },
  { id: 'mapinfo-fails-relocated', clause: 'noreloc.mapinfo.request', base: 'noreloc', does: 'fails RTLD_DI_MAPINFO on a relocated object' },
  { id: 'deplist-fails', clause: 'noreloc.deplist.request', base: 'noreloc', does: 'fails every RTLD_DI_DEPLIST request' },
  { id: 'reopen-with-bit-relocates', clause: 'noreloc.reopen.deferred-again', base: 'noreloc', does: 'relocates a loaded unrelocated object when it is opened again with the bit' },
];
