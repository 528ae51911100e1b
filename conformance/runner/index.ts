/**
 * The conformance runner: builds, loaders, one driver process per case and loader, traces, the
 * oracle's verdicts, and results as they arrive.
 *
 * @module
 */
export { runConformance } from './run.js';
export { CASE_FILE, runDriver, type DriverRun, type DriverRunError } from './execute.js';
export { buildHarness, type Harness } from './harness.js';
export { DEFAULT_MEMORY_KIB, DEFAULT_TIMEOUT_MS, limitedCommand, limitsFor, type Limits } from './limits.js';
export { defaultJobs, runPool } from './pool.js';
export { probeLoader } from './probe.js';
export { spawnRun, type RawRun, type SpawnRequest } from './spawn.js';
export { processEnd, toTrace } from './trace.js';
export type { CheckFn, RunEvents, RunOptions, RunOutcome } from './types.js';
