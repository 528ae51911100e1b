/**
 * Loaders: the dynamic loaders a conformance run tests. Each one knows how to start the driver
 * under it, which system libraries the fixtures see there, and who it is (its C library's path,
 * version and build id, recorded in every report).
 *
 * @module
 */
import type { CompilerName, FixtureSet } from '../build/index.js';
import type { SystemLibraries } from '../world.js';

/**
 * How a case's process is made: `fork`, a child of a warm fork server (`driver --serve`) started
 * under the loader; `exec`, the driver started afresh under the loader.
 */
export type Isolation = 'fork' | 'exec';

/** How to start the driver under a loader. */
export interface LoaderCommand {
  /** The program to execute. */
  readonly file: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Environment variables the loader needs (added to a minimal environment). */
  readonly env: Readonly<Record<string, string>>;
}

/** Who a loader is. */
export interface LoaderIdentity {
  /** The C library's path (libc.so.6, musl's libc.so, a build directory's libc.so). */
  readonly path: string;
  /** Its version banner, e.g. `GNU C Library (Debian GLIBC 2.36-9+deb12u14) stable release version 2.36.` */
  readonly version: string;
  /** NT_GNU_BUILD_ID in hex, or `sha256:<hex>` of the file when it has none. */
  readonly buildId: string;
}

/** A loader under test. */
export interface Loader {
  /** Its id: `host-glibc`, `host-glibc+memfd`, `musl`, `musl+memfd`, `glibc:<dir name>`. */
  readonly id: string;
  /** One line saying what it is. */
  readonly description: string;
  /** The compiler its driver and fixtures are built with. */
  readonly compiler: CompilerName;
  /** The command that runs `driverPath` with `driverArgs` (its options and a case file, or `--serve`) under this loader. */
  command(driverPath: string, driverArgs: readonly string[]): LoaderCommand;
  /** The libraries the fixtures need that the loader provides (for the model's world). */
  readonly systemLibraries: SystemLibraries;
  /** Who it is. */
  readonly identity: LoaderIdentity;
}

/** A loader that could not be set up, and why. */
export interface LoaderProblem {
  /** The loader's id (or what the user asked for). */
  readonly id: string;
  /** What is wrong, naming the path involved. */
  readonly message: string;
  /** Whether the user asked for this loader explicitly (`--libc`, `--loader`): a harness error then. */
  readonly requested: boolean;
}

/** What findLoaders looks at. */
export interface FindLoadersOptions {
  /** The fixture set built with each compiler that is available (musl loaders need `musl-gcc`). */
  readonly fixtures: Partial<Record<CompilerName, FixtureSet>>;
  /** glibc build directories (`--libc DIR`, repeatable). */
  readonly libcDirs?: readonly string[];
  /** Where the host's glibc lives (default /lib/x86_64-linux-gnu). */
  readonly hostLibDir?: string;
  /** Where to look for musl's libc.so (default: the usual places). */
  readonly muslLibcPaths?: readonly string[];
}

/** The loaders found, and the ones that could not be set up. */
export interface FoundLoaders {
  /** Usable loaders, in a stable order: host, musl, then build directories as given. */
  readonly loaders: readonly Loader[];
  /** Loaders that could not be set up. */
  readonly problems: readonly LoaderProblem[];
}
