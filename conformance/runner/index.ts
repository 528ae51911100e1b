/**
 * The conformance runner: builds, loaders, one driver process per case and loader (a child of a
 * warm fork server, or an exec), traces, the oracle's verdicts, and results as they arrive.
 *
 * @module
 */
export { runConformance } from './run.js';
export { CASE_FILE, DEFAULT_ISOLATION, runDriver, type DriverRun, type DriverRunError, type RunHow } from './execute.js';
export type { ForkRequest } from './fork-protocol.js';
export { ForkServer } from './fork-server.js';
export { ServerPool } from './servers.js';
export { buildHarness, type Harness } from './harness.js';
export { DEFAULT_FILE_SIZE_KIB, DEFAULT_MEMORY_KIB, DEFAULT_TIMEOUT_MS, limitArgs, limitsFor, type Limits } from './limits.js';
export { defaultJobs, runPool } from './pool.js';
export { probeLoader } from './probe.js';
export { readOutput, STDERR_KEEP, type Output, type OutputFiles } from './output.js';
export { spawnRun, type RawRun, type SpawnRequest } from './spawn.js';
export { processEnd, toTrace } from './trace.js';
export type { CheckFn, RunEvents, RunOptions, RunOutcome } from './types.js';
