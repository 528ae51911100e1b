/**
 * Mutants departing in dlmem's arguments, names, dependencies, failure and close (mutants-args.c).
 *
 * @module
 */
import type { Mutant } from '../catalogue.js';

const NO_NAMESPACES = { libc: 'musl', why: 'musl has no namespaces' } as const;

/** The mutants of `mutants-args.c`, in its table's order. */
export const MUTANTS_ARGS: readonly Mutant[] = [
  { id: 'dlmem-names-anonymous', clause: 'dlmem.names.anonymous', base: 'dlmem-own', does: 'gives an object loaded without a soname a name of its own' },
  { id: 'dlmem-drops-soname', clause: 'dlmem.names.soname', base: 'dlmem-own', does: 'ignores dlm_args->soname, leaving the object unnamed' },
  { id: 'dlmem-noload-loads', clause: 'dlmem.names.noload', base: 'dlmem', does: 'drops RTLD_NOLOAD from dlmem\'s mode, so the buffer is loaded' },
  { id: 'dlmem-needs-loaded-deps', clause: 'dlmem.deps.loaded', base: 'dlmem', does: 'looks for DT_NEEDED entries among the loaded objects only, failing when one is not loaded yet' },
  { id: 'dlmem-object-ctor-first', clause: 'dlmem.deps.ctors-order', base: 'dlmem', does: 'runs the object\'s constructor before those of its newly loaded dependencies' },
  { id: 'dlmem-skips-missing-dep', clause: 'dlmem.deps.missing', base: 'dlmem', does: 'loads the object without a dependency it cannot find (bound lazily) instead of failing' },
  { id: 'dlmem-undefined-binds-lazily', clause: 'dlmem.deps.undefined', base: 'dlmem', does: 'binds lazily when RTLD_NOW finds an undefined symbol, so the load succeeds' },
  { id: 'dlmem-failure-ran-ctor', clause: 'dlmem.fail.clean', base: 'dlmem', does: 'has run the object\'s constructor when dlmem fails' },
  { id: 'dlclose-touches-source', clause: 'dlmem.close.source-untouched', base: 'dlmem', does: 'flips the last byte of a dlmem object\'s source buffer in dlclose when it is still mapped' },
  { id: 'dlmem-null-args-rejected', clause: 'dlmem.args.null-args', base: 'dlmem', does: 'fails when dlm_args is NULL instead of taking the defaults' },
  { id: 'dlmem-zero-args-rejected', clause: 'dlmem.args.zero-args', base: 'dlmem', does: 'fails on a struct dlmem_args whose fields are all zero' },
  { id: 'dlmem-base-is-newlm', clause: 'dlmem.args.nsid-base', base: 'dlmem', does: 'loads into a new namespace when nsid is LM_ID_BASE', notOn: NO_NAMESPACES },
  { id: 'dlmem-existing-nsid-rejected', clause: 'dlmem.args.nsid-existing', base: 'dlmem', does: 'fails when nsid names an existing namespace other than the base', notOn: NO_NAMESPACES },
  { id: 'dlmem-invalid-nsid-is-base', clause: 'dlmem.args.nsid-invalid', base: 'dlmem', does: 'loads into the base namespace when nsid names no namespace' },
  { id: 'dlmem-rejects-deepbind-nodelete', clause: 'dlmem.args.mode-as-dlopen', base: 'dlmem', does: 'fails on RTLD_DEEPBIND or RTLD_NODELETE in dlmem\'s mode, which dlopen accepts' },
  { id: 'dlmem-no-binding-enoent', clause: 'dlmem.args.mode-invalid', base: 'dlmem', does: 'fails on a mode with neither RTLD_LAZY nor RTLD_NOW reporting ENOENT, not the EINVAL dlopen reports' },
  { id: 'dlmem-unknown-mode-enoent', clause: 'dlmem.args.mode-invalid-errno', base: 'dlmem-own', does: 'fails on an unknown mode bit reporting ENOENT instead of EINVAL' },
  { id: 'dlmem-copies-unaligned', clause: 'dlmem.args.unaligned-buffer', base: 'dlmem-own', does: 'copies a buffer that is not page-aligned as if DLMEM_GENBUF_SRC were given, instead of failing' },
  { id: 'dlmem-genbuf-aligned-only', clause: 'dlmem.args.unaligned-genbuf', base: 'dlmem-own', does: 'ignores DLMEM_GENBUF_SRC for a buffer that is not page-aligned, failing with EINVAL' },
  { id: 'dlmem-size-zero-whole-mapping', clause: 'dlmem.args.size-zero', base: 'dlmem', does: 'takes a size of 0 as the rest of the mapping holding the buffer' },
  { id: 'dlmem-rejects-trailing-bytes', clause: 'dlmem.args.size-bounds', base: 'dlmem', does: 'fails when the buffer holds bytes after everything the ELF headers cover' },
];
