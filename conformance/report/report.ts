/**
 * Assembling results.json from a finished run: versions, times, the machine, the loaders, the
 * results and their summary.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { hostname, release } from 'node:os';
import { join } from 'node:path';
import { driverProtocolVersion } from '../protocol.js';
import { DEFAULT_TIMEOUT_MS } from '../runner/limits.js';
import type { RunOptions, RunOutcome } from '../runner/types.js';
import { resultCells } from './cells.js';
import { clusterFailures } from './clusters.js';
import { summarize } from './summary.js';
import type { ExpectationsSummary, RunReport } from './types.js';

/** The version in `root`/package.json ('' when it cannot be read). */
export function dlspecVersion(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '';
  } catch {
    return '';
  }
}

/**
 * The report of `outcome`, a run of `options` with `jobs` jobs; `version` is dlspec's. With
 * `expectations`, the outcome's results are the ones the expectations were applied to; the failure
 * clusters are taken from those results.
 */
export function buildReport(outcome: RunOutcome, options: Omit<RunOptions, 'check'>, jobs: number, version: string, expectations?: ExpectationsSummary): RunReport {
  const results = outcome.results.map((r) => ({ ...r, cells: resultCells(r) }));
  const libcDirs = options.libcDirs ?? [];
  return {
    dlspec: version,
    driverProtocolVersion,
    started: outcome.started.toISOString(),
    finished: outcome.finished.toISOString(),
    interrupted: outcome.interrupted,
    kernel: release(),
    host: hostname(),
    seed: null,
    options: {
      jobs, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, caseGlob: options.caseGlob ?? null,
      loaders: options.loaders ?? [], libcDirs,
    },
    loaders: outcome.loaders,
    problems: outcome.problems,
    results,
    summary: summarize(results),
    ...(expectations === undefined ? {} : { expectations }),
    clusters: clusterFailures(results, libcDirs),
  };
}
