/**
 * Probing a loader before its cases run: the driver on an empty case must say hello and exit 0.
 * The hello gives the page size lowering needs and the APIs the report records; a loader whose
 * probe fails is a problem, and its cases are not run.
 *
 * @module
 */
import type { Loader } from '../loaders/types.js';
import type { HelloLine } from '../protocol.js';
import { type RunHow, runDriver } from './execute.js';
import type { Limits } from './limits.js';

/** The least time a probe gets, whatever the per-case timeout (a tight one must not disable the loader). */
export const PROBE_TIMEOUT_MS = 10_000;

/** Runs the empty case on `loader` as `how` says (a fork server, or exec): its hello, or why it does not work. */
export async function probeLoader(loader: Loader, driver: string, limits: Limits, how: RunHow = {}): Promise<HelloLine | { readonly problem: string }> {
  const run = await runDriver(loader, driver, { text: '', files: [] }, { ...limits, timeoutMs: Math.max(limits.timeoutMs, PROBE_TIMEOUT_MS) }, how);
  const command = loader.command(driver, how.servers !== undefined && how.isolation !== 'exec' ? ['--serve'] : ['CASE']);
  const shown = [command.file, ...command.args].join(' ');
  if ('error' in run) return { problem: `${loader.id}: cannot run the driver (${shown}): ${run.error}` };
  const { trace } = run;
  const end = trace.end.kind === 'exit' ? `exit status ${trace.end.code}` : trace.end.kind === 'signal' ? `signal ${trace.end.signal}` : 'timeout';
  const stderr = trace.stderr.trim().split('\n').slice(-3).join(' | ');
  if (trace.hello === undefined || trace.end.kind !== 'exit' || trace.end.code !== 0 || trace.driverError !== undefined) {
    return { problem: `${loader.id}: the driver did not start under it (${shown}): ${end}${trace.driverError === undefined ? '' : `; ${trace.driverError}`}${stderr === '' ? '' : `; stderr: ${stderr}`}` };
  }
  return trace.hello;
}
