/**
 * `dlspec fuzz --loader L [--libc DIR] [--seed S] [--runs N]`: model-guided sequences against one
 * loader; every divergence group is shrunk, and the FAIL groups no existing case catches on the
 * loader (all cases are run on it first) are saved as cases under conformance/cases/found/ (an
 * ERROR group is the harness's fault: it is reported, not saved). The run is written
 * to reports/fuzz-<loader>.{json,md}.
 *
 * @module
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { isProfileId, PROFILE_IDS } from '../model/world/profile.js';
import { fuzzLoader } from '../conformance/fuzz/loader.js';
import { runFuzz, type FuzzOutcome } from '../conformance/fuzz/run.js';
import { knownSignatures, type KnownSignatures } from '../conformance/fuzz/known.js';
import { foundId, saveGroups } from '../conformance/fuzz/save.js';
import { libcDirId } from '../conformance/loaders/libc-dir.js';
import { replaceFile } from './files.js';
import { collect } from './options.js';

/** The options `dlspec fuzz` takes. */
export interface FuzzCliOptions {
  /** The loader id. */
  readonly loader?: string;
  /** glibc build directories. */
  readonly libc: readonly string[];
  /** fast-check's seed. */
  readonly seed?: string;
  /** Sequences to generate. */
  readonly runs: string;
  /** The profile (default: the loader's proposal as on its branch). */
  readonly profile?: string;
  /** The most letters per sequence. */
  readonly maxLetters: string;
  /** commander's `--no-save`. */
  readonly save: boolean;
}

/** The Markdown of a fuzz run. */
function markdown(loader: string, profile: string, seed: number, out: FuzzOutcome, known: KnownSignatures): string {
  const lines = [
    `# dlspec fuzz on ${loader}`, '',
    `Profile ${profile}, seed ${seed}: ${out.runs} generated sequences (${Object.entries(out.verdicts).map(([k, n]) => `${n} ${k}`).join(', ')}), ${out.shrinkRuns} more runs shrinking.`, '',
    `## Divergence groups (${out.groups.length})`, '',
  ];
  for (const g of out.groups) {
    const caught = known.get(g.signature);
    lines.push(`- \`${g.signature}\`: ${g.count} sequence(s); shrunk to ${g.case.steps.length} steps; ${caught === undefined ? `new: case \`${foundId(loader, g)}\`` : `already caught by \`${caught}\``}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the command; returns the exit code (1: a divergence or an ERROR; 2: bad input or set-up). */
export async function fuzzCommand(root: string, options: FuzzCliOptions, print: (line: string) => void): Promise<number> {
  const problems: string[] = [];
  const runs = Number(options.runs);
  if (!Number.isInteger(runs) || runs < 1) problems.push(`--runs must be a positive whole number, not "${options.runs}"`);
  const maxLetters = Number(options.maxLetters);
  if (!Number.isInteger(maxLetters) || maxLetters < 1) problems.push(`--max-letters must be a positive whole number, not "${options.maxLetters}"`);
  const seed = options.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(options.seed);
  if (!Number.isInteger(seed)) problems.push(`--seed must be an integer, not "${options.seed}"`);
  if (options.profile !== undefined && !isProfileId(options.profile)) problems.push(`unknown profile "${options.profile}" (expected one of ${PROFILE_IDS.join(', ')})`);
  const loaderId = options.loader ?? (options.libc.length === 1 ? libcDirId(options.libc[0] as string) : undefined);
  if (loaderId === undefined) problems.push('give --loader (host-glibc, host-glibc+memfd, musl, musl+memfd, glibc:<dir>) or one --libc directory');
  if (problems.length > 0 || loaderId === undefined) {
    for (const p of problems) print(`dlspec fuzz: ${p}`);
    return 2;
  }
  const set = await fuzzLoader(root, loaderId, options.libc, options.profile !== undefined && isProfileId(options.profile) ? options.profile : undefined);
  if ('problem' in set) { print(`dlspec fuzz: cannot set up ${loaderId}: ${set.problem}`); return 2; }
  const id = set.loader.active.loader.id;
  print(`running the existing cases on ${id}, to tell new divergences from those they catch`);
  const known = await knownSignatures(root, id, options.libc);
  print(`fuzzing ${id} in ${set.profile} with seed ${seed}: ${runs} sequences of at most ${maxLetters} letters`);
  const out = await runFuzz(set.loader, {
    profile: set.profile, seed, runs, maxLetters,
    onRun: (_r, done) => { if (done % 100 === 0) print(`  ${done}/${runs}`); },
  });
  print(`${out.runs} sequences: ${Object.entries(out.verdicts).map(([k, n]) => `${n} ${k}`).join(', ')}; ${out.groups.length} divergence group(s), ${out.shrinkRuns} runs shrinking`);
  for (const g of out.groups) {
    const caught = known.get(g.signature);
    print(`  ${g.count}× ${g.signature} (shrunk to ${g.case.steps.length} steps)${caught === undefined ? ': new' : `: caught by ${caught}`}`);
  }
  // An ERROR is the harness's (or the model's) fault, not the loader's: reported, never saved as a case.
  const fresh = out.groups.filter((g) => !known.has(g.signature) && g.result.verdict === 'FAIL');
  for (const g of out.groups.filter((x) => x.result.verdict === 'ERROR')) print(`  harness error, not saved: ${g.result.reason ?? g.signature}`);
  const saved = options.save ? saveGroups(root, id, fresh) : [];
  for (const c of saved) print(`  saved ${c.file}`);
  const base = join(root, 'reports', `fuzz-${id.replace(/[^A-Za-z0-9.-]+/g, '-')}`);
  const groups = out.groups.map((g) => ({ ...g, caughtBy: known.get(g.signature) ?? null }));
  replaceFile(`${base}.json`, `${JSON.stringify({ loader: id, profile: set.profile, seed, ...out, groups }, null, 1)}\n`);
  replaceFile(`${base}.md`, markdown(id, set.profile, seed, out, known));
  return out.groups.length > 0 || (out.verdicts['ERROR'] ?? 0) > 0 ? 1 : 0;
}

/** The `fuzz` subcommand; `root` gives the repository root when it runs. */
export function fuzzProgram(root: () => string): Command {
  return new Command('fuzz')
    .description('run model-guided sequences against a loader; shrink every divergence and save one case per new group under conformance/cases/found/')
    .option('--loader <id>', 'host-glibc, host-glibc+memfd, musl, musl+memfd or glibc:<dir name>')
    .option('--libc <dir>', 'a glibc build directory (repeatable)', collect, [])
    .option('--seed <n>', "fast-check's seed (default: random, printed)")
    .option('--runs <n>', 'sequences to generate', '100')
    .option('--profile <profile>', "the profile to judge in (default: the loader's proposal as on its branch)")
    .option('--max-letters <n>', 'the most letters per sequence', '8')
    .option('--no-save', 'do not save the divergence groups as cases')
    .action(async (options: FuzzCliOptions) => {
      process.exitCode = await fuzzCommand(root(), options, (line) => console.log(line));
    });
}
