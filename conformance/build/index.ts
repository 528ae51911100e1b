/**
 * Building the conformance harness's C side: the driver and the fixture libraries, compiled with
 * `cc` or `musl-gcc` on demand and cached by content hash under `.cache/build/`.
 *
 * @module
 */
export { buildDriver, DRIVER_CFLAGS, DRIVER_LDFLAGS, DRIVER_LIBS, DRIVER_SOURCE_DIR } from './driver.js';
export { buildFixtures, FIXTURE_CFLAGS, FIXTURE_SOURCE_DIR, type BuiltFixture, type ContainerImage, type FixtureSet } from './fixtures.js';
export { COMPILERS, compilerIdentity, findCompilers, type CompilerFound, type CompilerIdentity, type CompilerMissing, type CompilerName } from './compiler.js';
export type { BuildFailure, BuildInfo, BuildOptions, CompileError, DriverBuild } from './types.js';
export type { CompiledFixture, FixtureEntry, FixtureFacts, GeneratedFixture, GeneratedKind } from './manifest.js';
export { parseManifest, type ManifestResult } from './manifest.js';
