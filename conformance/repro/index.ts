/**
 * Repro programs: one case on one loader as a standalone C file that exits 0 when the loader
 * behaves as the spec requires at the case's first divergence, 1 when it diverges, 2 when it could
 * not set up.
 *
 * @module
 */
export { buildCommand, executableOf, shellWord, type CommandFacts } from './command.js';
export { generateRepro, type ReproInput } from './generate.js';
export { expectations } from './header.js';
export { parseDriverInput, type DriverStep } from './lines.js';
export { makeRepro, type Repro, type ReproOptions } from './make.js';
export { writeRepro, type ReproRun } from './write.js';
export { allowedAt, type AllowedOutcome } from './allowed.js';
