/**
 * A worker pool: runs an async job for every item with at most `jobs` at once, in item order.
 * A job that rejects does not stop the others (its error goes to `onError`); an aborted signal
 * stops new jobs from starting.
 *
 * @module
 */
import { availableParallelism } from 'node:os';

/** The default number of jobs: the number of cores. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Runs `job` on every item, `jobs` at a time; resolves when every started job has finished. */
export async function runPool<T>(
  items: readonly T[], jobs: number, job: (item: T) => Promise<void>,
  onError: (item: T, error: unknown) => void, signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && signal?.aborted !== true) {
      const item = items[next++] as T;
      try { await job(item); } catch (error) { onError(item, error); }
    }
  };
  const n = Math.max(1, Math.min(Math.floor(jobs) || 1, items.length));
  await Promise.all(Array.from({ length: n }, worker));
}
