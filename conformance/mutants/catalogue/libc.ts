/**
 * Mutants departing in the C library's dl* functions and the constructor events (mutants-libc.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-libc.c`, in its table's order. */
export const MUTANTS_LIBC: readonly Mutant[] = [
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
];
