/**
 * Mutants departing in dlmem and how it calls premap (mutants-dlmem.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-dlmem.c`, in its table's order. */
export const MUTANTS_DLMEM: readonly Mutant[] = [
  { id: 'dlmem-drops-global', clause: 'dlmem.names.global', base: 'dlmem', does: 'drops RTLD_GLOBAL from dlmem\'s mode' },
  { id: 'dlmem-newlm-is-base', clause: 'dlmem.args.nsid-newlm', base: 'dlmem', does: 'loads into the base namespace when nsid is LM_ID_NEWLM', notOn: { libc: 'musl', why: 'musl has no namespaces' } },
  { id: 'dlmem-no-dlerror', clause: 'base.dlerror.once', base: 'dlmem', does: 'fails in dlmem without leaving a dlerror() message' },
  { id: 'dlmem-writes-source', clause: 'dlmem.source.bytes-unchanged', base: 'dlmem', does: 'flips the last byte of the source buffer after loading from it' },
  { id: 'dlmem-reprotects-source', clause: 'dlmem.source.protections-unchanged', base: 'dlmem', does: 'makes the first page of the source buffer r-x' },
  { id: 'dlmem-any-soname', clause: 'dlmem.args.handle', base: 'dlmem-own', does: 'returns the first object dlmem loaded for every later dlmem given a soname, whatever that soname' },
  {
    id: 'dlmem-copies', clause: 'dlmem.place.zero-copy', base: 'dlmem-own', does: 'copies the image (DLMEM_GENBUF_SRC) instead of mapping the source file\'s pages',
    allowed: 'dlmem.place.zero-copy is implementation-defined: anonymous copies of the segments are one of the outcomes it allows',
  },
  { id: 'dlmem-ignores-dontreplace', clause: 'dlmem.place.dontreplace', base: 'dlmem-own', does: 'drops DLMEM_DONTREPLACE, so the premap mapping is replaced' },
  { id: 'premap-twice', clause: 'dlmem.premap.called-once', base: 'dlmem-own', does: 'calls the premap callback twice' },
  { id: 'premap-loses-cookie', clause: 'dlmem.args.cookie', base: 'dlmem-own', does: 'passes NULL to premap instead of the cookie' },
  { id: 'premap-rounds-maplength', clause: 'dlmem.premap.maplength', base: 'dlmem-own', does: 'passes maplength rounded up to whole pages' },
  { id: 'premap-skipped', clause: 'dlmem.premap.called-once', base: 'dlmem-own', does: 'never calls the premap callback' },
  { id: 'dlclose-leaves-pages', clause: 'dlmem.close.refcount', base: 'dlmem', does: 'unloads a dlmem object at its last dlclose (destructors run) but maps anonymous pages back over its extent' },
  { id: 'dlmem-hidden', clause: 'dlmem.names.visible', base: 'dlmem', does: 'loads as asked but leaves every dlmem object out of dl_iterate_phdr' },
];
