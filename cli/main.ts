/**
 * Entry point of the `dlspec` command (started by bin/dlspec.js through tsx).
 *
 * @module
 */
import { buildProgram } from './program.js';

await buildProgram().parseAsync(process.argv);
