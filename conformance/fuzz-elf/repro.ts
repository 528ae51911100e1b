/**
 * `dlspec fuzz-elf --only I --repro FILE`: the standalone C program (conformance/repro) of one
 * mutated image on one loader, from the run the fuzz just made of it. It loads the image from the
 * fuzz cache by its absolute path, so it runs as long as .cache/fuzz-elf keeps the file; the
 * mutation printed beside it makes the file again.
 *
 * @module
 */
import { relative } from 'node:path';
import { type Repro, writeRepro } from '../repro/write.js';
import type { ElfFuzzOutcome } from './run.js';

/** Writes the repro of the first kept run that FAILed (else the first kept run) to `file`. */
export function writeFuzzRepro(outcome: ElfFuzzOutcome, file: string): Repro | { readonly error: string } {
  const run = outcome.kept.find((k) => k.entry.verdict === 'FAIL') ?? outcome.kept[0];
  if (run === undefined) return { error: 'no real loader ran the image: there is nothing to reproduce' };
  if (run.entry.verdict === 'ERROR' || run.entry.verdict === 'UNSUPPORTED') {
    return { error: `the image is ${run.entry.verdict} on ${run.loader}${run.entry.reason === undefined ? '' : `: ${run.entry.reason}`}` };
  }
  return writeRepro({ ...run, out: relative(process.cwd(), file) || file, file, keepGoing: false });
}
