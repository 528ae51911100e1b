/**
 * Entry point of the `dlspec` command (started by bin/dlspec.js: compiled into dist/, or through tsx).
 *
 * @module
 */
import { buildProgram } from './program.js';

// Output piped into a reader that stops early (`dlspec run | head`): end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
}

await buildProgram().parseAsync(process.argv);
