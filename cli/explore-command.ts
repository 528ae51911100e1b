/**
 * `dlspec explore`: breadth-first exploration of the model per profile, written to
 * reports/corner-cases-<profile>.{json,md}; with `--compare P Q`, the corner cases Q opens and
 * closes relative to P, written to reports/corner-cases-<P>-vs-<Q>.{json,md}.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { collect } from './options.js';
import { DEFAULT_BOUNDS, type Bounds } from '../model/explore/alphabet.js';
import { compareReports, cornerReport, type CornerReport } from '../model/explore/report.js';
import { renderComparison, renderCornerReport } from '../model/explore/render.js';
import { exploreModel } from '../model/explore/search.js';
import { initialState } from '../model/state/initial.js';
import { PROFILE_IDS, isProfileId } from '../model/world/profile.js';
import type { ProfileId } from '../model/world/world.js';
import { REPO_ROOT } from '../conformance/build/cache.js';
import { fixtureWorlds, type FixtureWorlds } from '../conformance/runner/fixture-worlds.js';
import { defaultJobs, runPool } from '../conformance/runner/pool.js';
import { replaceFile } from './files.js';

/** The options `dlspec explore` takes. */
export interface ExploreCliOptions {
  /** Profiles to explore (default: every one). */
  readonly profile: readonly string[];
  /** Two profiles to compare. */
  readonly compare?: readonly string[];
  /** Letters deep. */
  readonly depth: string;
  /** Objects the caller may hold at once. */
  readonly maxHandles?: string;
  /** Held objects below which loads vary every dimension. */
  readonly variedLoads?: string;
  /** Profiles explored at once, each in its own process (default: the number of cores). */
  readonly jobs?: string;
}

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'bin', 'dlspec.js');

/** The report files of a profile. */
function reportBase(root: string, profile: string): string {
  return join(root, 'reports', `corner-cases-${profile}`);
}

/** Explores one profile in this process and writes its report. */
function exploreOne(root: string, worlds: FixtureWorlds, profile: ProfileId, depth: number, bounds: Bounds): CornerReport {
  const report = cornerReport(exploreModel(worlds.world(profile), initialState(), { depth, bounds }));
  replaceFile(`${reportBase(root, profile)}.json`, `${JSON.stringify(report, null, 1)}\n`);
  replaceFile(`${reportBase(root, profile)}.md`, renderCornerReport(report));
  return report;
}

/** Explores each profile in a child process of its own, `jobs` at a time, and reads back their reports. */
async function exploreInChildren(root: string, profiles: readonly ProfileId[], depth: number, bounds: Bounds, jobs: number): Promise<CornerReport[]> {
  const failures: string[] = [];
  await runPool(profiles, jobs, async (profile) => {
    await run(process.execPath, [BIN, '--root', root, 'explore', '--profile', profile, '--depth', String(depth),
      '--max-handles', String(bounds.maxHandles), '--varied-loads', String(bounds.variedLoads), '--jobs', '1'], { maxBuffer: 1 << 24 })
      .catch((e: { code?: number; stdout?: string; stderr?: string }) => { if (e.code !== 1) failures.push(`${profile}: ${e.stderr ?? String(e)}`); });
  }, (profile, e) => failures.push(`${profile}: ${String(e)}`));
  if (failures.length > 0) throw new Error(`exploring in child processes failed: ${failures.join('; ')}`);
  return profiles.map((p) => JSON.parse(readFileSync(`${reportBase(root, p)}.json`, 'utf8')) as CornerReport);
}

/** A whole number from `text`, or a message naming the option. */
function count(text: string | undefined, option: string, fallback: number, min: number): number | string {
  if (text === undefined) return fallback;
  return /^\d+$/.test(text) && Number(text) >= min ? Number(text) : `${option} must be a whole number of at least ${min}, not "${text}"`;
}

/** Runs the command; returns the exit code (1: the model threw or broke an invariant; 2: bad input). */
export async function exploreCommand(root: string, options: ExploreCliOptions, print: (line: string) => void): Promise<number> {
  const depth = count(options.depth, '--depth', 6, 1);
  const maxHandles = count(options.maxHandles, '--max-handles', DEFAULT_BOUNDS.maxHandles, 1);
  const variedLoads = count(options.variedLoads, '--varied-loads', DEFAULT_BOUNDS.variedLoads, 0);
  const jobs = count(options.jobs, '--jobs', defaultJobs(), 1);
  const compare = options.compare ?? [];
  const asked = compare.length > 0 ? compare : options.profile.length > 0 ? options.profile : PROFILE_IDS;
  const problems = [depth, maxHandles, variedLoads, jobs].filter((v): v is string => typeof v === 'string');
  if (compare.length !== 0 && compare.length !== 2) problems.push('--compare takes two profiles');
  for (const p of asked) if (!isProfileId(p)) problems.push(`unknown profile "${p}" (expected one of ${PROFILE_IDS.join(', ')})`);
  if (problems.length > 0 || typeof depth === 'string' || typeof maxHandles === 'string' || typeof variedLoads === 'string' || typeof jobs === 'string') {
    for (const p of problems) print(`dlspec explore: ${p}`);
    return 2;
  }
  const worlds = await fixtureWorlds();
  if ('problem' in worlds) { print(`dlspec explore: ${worlds.problem}`); return 2; }
  const bounds: Bounds = { maxHandles, variedLoads };
  const profiles = asked as ProfileId[];
  const reports = jobs > 1 && profiles.length > 1 ? await exploreInChildren(root, profiles, depth, bounds, jobs)
    : profiles.map((p) => exploreOne(root, worlds, p, depth, bounds));
  for (const report of reports) {
    const profile = report.profile;
    const kinds = new Map<string, number>();
    for (const c of report.corners) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    print(`${profile}: depth ${report.depth}${report.truncated ? ' (truncated)' : ''}, ${report.states} states (${report.perDepth.join('+')}), ` +
      `${report.transitions} steps, ${(report.ms / 1000).toFixed(1)} s, ${report.statesPerSecond} states/s; ` +
      `${report.corners.length} corner cases (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}) → reports/corner-cases-${profile}.md`);
  }
  const [from, to] = reports;
  if (compare.length === 2 && from !== undefined && to !== undefined) {
    const c = compareReports(from, to);
    const base = reportBase(root, `${from.profile}-vs-${to.profile}`);
    replaceFile(`${base}.json`, `${JSON.stringify(c, null, 1)}\n`);
    replaceFile(`${base}.md`, renderComparison(c));
    print(`${to.profile} relative to ${from.profile}: ${c.opened.length} opened, ${c.closed.length} closed, ${c.shared} shared → reports/corner-cases-${from.profile}-vs-${to.profile}.md`);
  }
  const bugs = reports.flatMap((r) => r.corners.filter((c) => c.kind === 'model-error' || c.kind === 'invariant'));
  for (const b of bugs) print(`model bug: ${b.kind} at ${b.call}: ${b.detail} (after ${b.letters.join(' → ')})`);
  return bugs.length > 0 ? 1 : 0;
}

/** The `explore` subcommand; `root` gives the repository root when it runs. */
export function exploreProgram(root: () => string): Command {
  return new Command('explore')
    .description('explore the model breadth-first per profile and write the corner cases to reports/corner-cases-<profile>.{json,md}')
    .option('--profile <profile>', 'a profile to explore (repeatable; default: every one)', collect, [])
    .option('--compare <profile...>', 'two profiles: the corner cases the second opens and closes relative to the first')
    .option('--depth <n>', 'letters deep', '6')
    .option('--max-handles <n>', `objects the caller may hold at once (default ${DEFAULT_BOUNDS.maxHandles})`)
    .option('--jobs <n>', 'profiles explored at once, each in its own process (default: the number of cores)')
    .option('--varied-loads <n>', `loads vary every dimension while fewer objects than this are held (default ${DEFAULT_BOUNDS.variedLoads})`)
    .action(async (options: ExploreCliOptions) => {
      process.exitCode = await exploreCommand(root(), options, (line) => console.log(line));
    });
}
