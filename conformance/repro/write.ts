/**
 * The second half of a repro: given a recorded run of one case on one loader (its result, trace
 * and world), lower the case for the loader's fixtures and write the standalone C program with
 * the command that builds and runs it. `dlspec repro` and `dlspec fuzz-elf --repro` share it.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { World } from '../../model/world/world.js';
import type { CompilerName, FixtureSet } from '../build/index.js';
import type { CaseDef } from '../case-file/case.js';
import { lowerCase } from '../lower/lower.js';
import type { Trace } from '../oracle/types.js';
import type { ResultEntry } from '../report/types.js';
import { allowedAt } from './allowed.js';
import { buildCommand } from './command.js';
import { generateRepro } from './generate.js';
import { expectations } from './header.js';

/** A recorded run and where its program goes. */
export interface ReproRun {
  /** The case as run. */
  readonly caseDef: CaseDef;
  /** The loader id. */
  readonly loader: string;
  /** The loader's compiler. */
  readonly compiler: CompilerName;
  /** The C library's version as the driver or the loader reported it. */
  readonly libcVersion: string;
  /** A glibc build directory (absolute), for `glibc:<dir>` loaders. */
  readonly libc?: string;
  /** The fixtures the case ran with. */
  readonly fixtures: FixtureSet;
  /** The result. */
  readonly entry: ResultEntry;
  /** The trace. */
  readonly trace: Trace;
  /** The world it was checked in. */
  readonly world: World;
  /** The program's path as the user wrote it (relative to the working directory) and its absolute path. */
  readonly out: string;
  /** The absolute path. */
  readonly file: string;
  /** Run the steps after the divergence too. */
  readonly keepGoing: boolean;
}

/** A repro written. */
export interface Repro {
  /** The recorded result it reproduces. */
  readonly entry: ResultEntry;
  /** The file written (absolute). */
  readonly file: string;
  /** The program's text. */
  readonly source: string;
  /** The command that builds and runs it. */
  readonly command: string;
  /** What each exit status means for this case. */
  readonly expectations: readonly string[];
}

/** Writes the repro of `run`. */
export function writeRepro(run: ReproRun): Repro | { readonly error: string } {
  const c = run.caseDef;
  const lowered = lowerCase(c, run.fixtures, run.world, run.world.pageSize);
  if ('error' in lowered) return { error: `cannot lower ${c.id}: ${lowered.error}` };
  const d = run.entry.divergence;
  const allowed = d !== undefined && d.step <= c.steps.length ? allowedAt(c, run.world, run.trace, d.step) : [];
  if ('error' in allowed) return { error: `cannot tell what the spec allows at step ${d?.step}: ${allowed.error}` };
  const command = buildCommand({
    loader: run.loader, compiler: run.compiler, out: run.out, fixtureDir: run.fixtures.dir, hang: d?.kind === 'hang',
    ...(run.libc === undefined ? {} : { libc: run.libc }),
  });
  const generated = generateRepro({
    caseDef: c, loader: run.loader, libc: run.libcVersion, entry: run.entry, lowered, trace: run.trace, world: run.world,
    allowed, compat: run.loader.endsWith('+memfd'), command, keepGoing: run.keepGoing,
  });
  if ('error' in generated) return { error: `cannot write a repro of ${c.id}: ${generated.error}` };
  try {
    mkdirSync(dirname(run.file), { recursive: true });
    writeFileSync(run.file, generated.source);
  } catch (e) {
    return { error: `cannot write ${run.file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { entry: run.entry, file: run.file, source: generated.source, command, expectations: expectations(run.entry, run.keepGoing) };
}
