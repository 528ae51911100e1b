/**
 * `dlspec diff A.json B.json`: the verdict changes between two results files, per clause × loader
 * and per case × profile × loader. Exit 0 whatever changed; 1 when a file cannot be read.
 *
 * @module
 */
import { diffRuns, formatDiff, readDiffInput } from '../conformance/report/diff.js';

/** Prints the diff of results files `a` and `b`; returns the exit code. */
export function runDiffCommand(a: string, b: string, print: (line: string) => void): number {
  const left = readDiffInput(a);
  const right = readDiffInput(b);
  for (const side of [left, right]) if ('error' in side) print(`error: ${side.error}`);
  if ('error' in left || 'error' in right) return 1;
  for (const line of formatDiff(diffRuns(left, right))) print(line);
  return 0;
}
