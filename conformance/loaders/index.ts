/**
 * The loaders a conformance run tests, and how to find them.
 *
 * @module
 */
export { findLoaders } from './discover.js';
export { HOST_LIB_DIR, hostLoaders, MEMFD_COMPAT, MUSL_LIBC_PATHS, muslLoaders } from './host.js';
export { buildIdOf, libcIdentity, versionBanner } from './identity.js';
export { BUILD_LIB_SUBDIRS, libcDirId, libcDirIds, libcDirLoader, libcDirProblem } from './libc-dir.js';
export { checkWithModel, MODEL_DESCRIPTION, MODEL_LOADER_ID } from './model.js';
export { neededOf, systemLibraries } from './system.js';
export type { FindLoadersOptions, FoundLoaders, Loader, LoaderCommand, LoaderIdentity, LoaderProblem } from './types.js';
