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

/** Every mutant, by chapter of the clause it breaks. */
export const MUTANTS: readonly Mutant[] = [
  { id: 'ctor-skip', clause: 'base.dlopen.ctors-before-return', base: 'libc', does: 'runs no constructor (drops every constructor event)' },
  { id: 'ctor-reorder', clause: 'base.dlopen.ctors-before-return', base: 'libc', does: 'runs the constructors of one call in reverse order, the object before its dependencies' },
  { id: 'ctor-repeat-on-reopen', clause: 'base.dlopen.dedup', base: 'libc', does: 'runs the constructor again when an object already loaded is opened again' },
  {
    id: 'unload-while-open', clause: 'base.dlclose.refcount', base: 'libc', does: 'drops one open count when an object already loaded is opened again, so it unloads while a handle is open',
    notOn: { libc: 'musl', why: 'musl never unloads an object, so an open count one too low unloads nothing' },
  },
  {
    id: 'keep-after-last-close', clause: 'dlmem.close.refcount', base: 'dlmem', does: 'keeps every object loaded after its last dlclose (dlclose returns 0 and releases nothing)',
    allowed: 'dlmem.close.refcount defers to base.dlclose.unload, which leaves unloading to the loader (musl never unloads): keeping an object is a choice, not a departure',
  },
  { id: 'dladdr-wrong-base', clause: 'base.dladdr.fields', base: 'libc', does: 'reports dli_fbase one page above the load base' },
  { id: 'dlinfo-wrong-l-addr', clause: 'base.dlinfo.linkmap', base: 'libc', does: 'reports a link map whose l_addr is one page off' },
  { id: 'dlerror-stale', clause: 'base.dlerror.once', base: 'libc', does: 'returns the last message again from a dlerror() that should return NULL' },
  { id: 'dlsym-finds-missing', clause: 'base.dlsym.missing', base: 'libc', does: 'returns an address for a symbol the object does not define' },
  { id: 'dlopen-noload-loads', clause: 'base.dlopen.noload', base: 'libc', does: 'loads the object although RTLD_NOLOAD was given' },
  { id: 'dlinfo-any-request', clause: 'base.dlinfo.bad-request', base: 'libc', does: 'returns 0 from dlinfo for a request it does not define' },
  { id: 'dlclose-returns-one', clause: 'base.dlclose.refcount', base: 'libc', does: 'returns 1 from a dlclose that succeeded' },
  {
    id: 'dlmopen-newlm-is-base', clause: 'base.dlmopen.newlm', base: 'libc', does: 'loads into the base namespace when LM_ID_NEWLM asks for a new one',
    notOn: { libc: 'musl', why: 'musl has no dlmopen' },
  },
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
  { id: 'premap-skipped', clause: 'dlmem.premap.called-once', base: 'dlmem-own', does: 'never calls the premap callback' },
  { id: 'premap-loses-cookie', clause: 'dlmem.args.cookie', base: 'dlmem-own', does: 'passes NULL to premap instead of the cookie' },
  { id: 'premap-rounds-maplength', clause: 'dlmem.premap.maplength', base: 'dlmem-own', does: 'passes maplength rounded up to whole pages' },
  {
    id: 'noreloc-relocates-at-dlopen', clause: 'noreloc.defer.ctors', base: 'noreloc',
    does: 'relocates (and so runs the constructors of) an object opened with RTLD_NORELOCATE before dlopen returns: relocation shows through its constructors',
  },
  { id: 'mapinfo-wrong-extent', clause: 'noreloc.mapinfo.extent', base: 'noreloc', does: 'reports map_length one page too long' },
  { id: 'mapinfo-wrong-align', clause: 'noreloc.mapinfo.align', base: 'noreloc', does: 'reports map_align twice too large' },
  { id: 'deplist-drops-one', clause: 'noreloc.deplist.contents', base: 'noreloc', does: 'leaves the last dependency out of RTLD_DI_DEPLIST' },
  { id: 'setbase-ignored', clause: 'noreloc.setbase.records', base: 'noreloc', does: 'returns 0 from dlset_object_base and records nothing' },
  { id: 'mapinfo-wrong-relocated', clause: 'noreloc.mapinfo.relocated', base: 'noreloc', does: 'reports relocated the wrong way round' },
  { id: 'setbase-accepts-relocated', clause: 'noreloc.setbase.relocated-branch', base: 'noreloc', does: 'returns 0 from dlset_object_base on a relocated object' },
  { id: 'dlrelocate-again-succeeds', clause: 'noreloc.dlrelocate.already-branch', base: 'noreloc', does: 'returns 0 from a dlrelocate on an object already relocated' },
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
