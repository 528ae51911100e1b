/**
 * Mutants departing in the base dl* functions the first set leaves alone (mutants-base.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

/** The mutants of `mutants-base.c`, in its table's order. */
export const MUTANTS_BASE: readonly Mutant[] = [
  { id: 'dlsym-missing-aborts', clause: 'base.call.returns', base: 'libc', does: 'aborts the process from a dlsym that finds no symbol of that name' },
  { id: 'dlsym-leaves-message', clause: 'base.dlerror.success-silent', base: 'libc', does: 'leaves the message of a failed internal probe pending after a dlsym that succeeds' },
  { id: 'dlopen-now-falls-back-lazy', clause: 'base.dlopen.undefined-now', base: 'libc', does: 'retries with RTLD_LAZY when RTLD_NOW finds an undefined symbol, and returns that handle' },
  { id: 'dlopen-missing-dep-main', clause: 'base.dlopen.missing-dependency', base: 'libc', does: 'returns the main program\'s handle when an existing object\'s dependency cannot be found' },
  {
    id: 'dlmopen-bad-nsid-is-base', clause: 'base.dlmopen.bad-nsid', base: 'libc', does: 'loads into the base namespace when dlmopen is given a namespace id that names no namespace',
    notOn: { libc: 'musl', why: 'musl has no dlmopen' },
  },
  { id: 'dlsym-own-only', clause: 'base.dlsym.found', base: 'libc', does: 'searches only the handle\'s own object, so a symbol its dependency defines is not found' },
  { id: 'dladdr-outside-is-main', clause: 'base.dladdr.outside', base: 'libc', does: 'reports the main program, with no symbol, for an address that no object covers' },
];
