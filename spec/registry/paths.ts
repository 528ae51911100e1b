/**
 * Where the registry and its companions live, relative to the repository root.
 *
 * @module
 */

/** The directory of the chapter files. */
export const CLAUSES_DIR = 'spec/clauses';

/** The profiles file. */
export const PROFILES_FILE = 'spec/profiles.yaml';

/** The Markdown copied verbatim to the top of SPEC.md. */
export const PREAMBLE_FILE = 'spec/preamble.md';

/** The directory of the TLA+ modules. */
export const TLA_DIR = 'spec/tla';

/** The seed discussion thread that `thread:Lnnn` citations point into. */
export const DEFAULT_THREAD_PATH = '../shared/seeds/dlmem-libc-alpha-thread.txt';
