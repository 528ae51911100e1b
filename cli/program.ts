/**
 * The `dlspec` command line: `spec gen`, `spec check`, `tla check`, `tla trace`, `docs`, `model`, `explore`, `fuzz`,
 * `fuzz-elf`, `bench`, `run`, `mutants`, `merge`, `diff` and `repro`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { REPO_ROOT } from '../conformance/build/cache.js';
import { collect } from './options.js';
import { loadContext } from '../spec/checks/context.js';
import { checkProject } from '../conformance/checks/index.js';
import { writeClausePages } from '../spec/tools/clause-pages.js';
import { appendClauseVerdicts } from '../conformance/report/clause-verdicts.js';
import { writeGenerated } from '../spec/tools/gen.js';
import { fuzzElfCommand, type FuzzElfCliOptions } from './fuzz-elf-command.js';
import { mutantsCommand, type MutantsCliOptions } from './mutants-command.js';
import { runBenchCommand } from './bench-command.js';
import { runExploreBenchCommand } from './bench-explore.js';
import { exploreProgram } from './explore-command.js';
import { fuzzProgram } from './fuzz-command.js';
import { runDiffCommand } from './diff-command.js';
import { runModelCommand } from './model-command.js';
import { type ReproCliOptions, runReproCommand } from './repro-command.js';
import { runMergeCommand } from './merge-command.js';
import { runTlaCheck, runTlaTrace } from './tla-command.js';
import { runAll, type RunCliOptions } from './run-command.js';

/** dlspec's version, from package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The repository this file belongs to, the default `--root`. */
export const DEFAULT_ROOT = REPO_ROOT;

/** Builds the `dlspec` program; actions set `process.exitCode` rather than exiting. */
export function buildProgram(): Command {
  const program = new Command('dlspec')
    .description('Spec tooling and conformance suite for dlmem() and RTLD_NORELOCATE')
    .version(packageVersion(), '-V, --version')
    .option('--root <dir>', 'repository root', DEFAULT_ROOT)
    .option('--thread <file>', 'seed thread file (default: ../shared/seeds/dlmem-libc-alpha-thread.txt from the root)');
  const root = () => resolve(program.opts<{ root: string }>().root);
  const thread = () => {
    const path = program.opts<{ thread?: string }>().thread;
    return path === undefined ? undefined : resolve(path);
  };

  const spec = program.command('spec').description('the clause registry and its generated files');
  spec
    .command('gen')
    .description('write SPEC.md and spec/clause-ids.gen.ts from spec/clauses/*.yaml, and spec/thread-index.gen.yaml from the thread')
    .action(() => {
      const { written, problems } = writeGenerated(root(), thread());
      console.log(`wrote ${written.join(', ')}`);
      if (problems.length > 0) {
        console.log(`warning: the registry has ${problems.length} problem(s); run \`npm run spec:check\``);
      }
    });
  spec
    .command('check')
    .description('run the spec checks and print the coverage table')
    .option('--json', 'print the results and coverage as JSON')
    .action(async (options: { json?: boolean }) => {
      const { exitCode } = await checkProject(root(), { json: options.json === true, threadPath: thread() });
      process.exitCode = exitCode;
    });

  const tla = program.command('tla').description('the TLA+ modules of spec/tla: model checking and trace validation');
  tla
    .command('check')
    .description('model-check the TLA+ modules with their configurations (spec/tla/<MODULE>[.<aspect>].cfg): states, invariants, shortest trace to a violation, dead actions and branches')
    .argument('[module]', 'one module, e.g. Dlmem (default: every module with a configuration)')
    .option('--constants <file>', 'a configuration file to check MODULE with instead of its own')
    .addHelpText('after', `
A configuration is a TLC .cfg file: CONSTANTS (any constant TLA+ expression), INIT, NEXT,
INVARIANT(S), CONSTRAINT(S), CHECK_DEADLOCK; the comments \\* @result success|invariant|deadlock
and \\* @distinct N record what it must find.

Exit codes: 0 every configuration finds what it records and no action or branch is dead (with
--constants, dead code is printed only); 1 otherwise; 2 bad input.`)
    .action(async (module: string | undefined, options: { constants?: string }) => {
      process.exitCode = await runTlaCheck(root(), module, options.constants, (line) => console.log(line));
    });
  tla
    .command('trace')
    .description('trace validation: every case\'s model traces, abstracted, must be behaviours of the TLA+ module of its profile')
    .option('--case <glob>', 'only the cases whose ids match')
    .action(async (options: { case?: string }) => {
      process.exitCode = await runTlaTrace(root(), options.case, (line) => console.log(line));
    });

  program
    .command('docs')
    .description('write the clause pages to reports/docs-src/clauses (typedoc then builds reports/docs)')
    .action(async () => {
      const ctx = await loadContext(root(), { threadPath: thread() });
      const count = writeClausePages(ctx);
      console.log(`wrote ${count} clause pages and an index to reports/docs-src/clauses`);
      const ids = ctx.registry.chapters.flatMap((c) => c.clauses.map((clause) => clause.id));
      const added = appendClauseVerdicts(join(root(), 'reports/docs-src/clauses'), join(root(), 'reports/latest.json'), ids);
      if (typeof added === 'string') console.log(`note: ${added}; the clause pages carry no verdicts`);
      else if (added > 0) console.log(`added the latest verdicts to ${added} clause pages`);
    });

  program
    .command('model')
    .description('run a script through the model and print the allowed outcomes of every step with their clauses')
    .argument('<script>', 'a YAML script: a list of steps, or a map with `profile` and `steps`')
    .option('--profile <profile>', 'dlmem-v9, dlmem-branch, norelocate-v1, norelocate-v2 or norelocate-branch')
    .action((script: string, options: { profile?: string }) => {
      process.exitCode = runModelCommand(script, options.profile, (line) => console.log(line));
    });

  program.addCommand(exploreProgram(root));
  program.addCommand(fuzzProgram(root));

  program
    .command('bench')
    .description('time a full run (and its peak memory), the model (transitions per second), the explorer (also the states per second and distinct states of `dlspec explore` per profile), the conformance pipeline by exec and by fork against the /bin/true spawn rate, and a mutation run')
    .option('--budget <ms>', 'milliseconds per model scenario (the pipeline measurements get twice as long)', '1000')
    .action(async (options: { budget: string }) => {
      const print = (line: string): void => console.log(line);
      const main = await runBenchCommand(print, Number(options.budget));
      const explorer = await runExploreBenchCommand(print);
      process.exitCode = Math.max(main, explorer);
    });

  program
    .command('run')
    .description('run the spec check, then the conformance suite on the model and every loader; write reports/latest.*')
    .option('--loader <id>', 'a loader id or glob: model, host-glibc, host-glibc+memfd, musl, musl+memfd, glibc:<dir> (repeatable; default: all)', collect, [])
    .option('--libc <dir>', 'a glibc build directory to test through its elf/ld.so (repeatable)', collect, [])
    .option('--case <glob>', 'only the cases whose ids match (`*` within a segment, `**` across)')
    .option('--jobs <n>', 'driver runs at once (default: the number of cores)')
    .option('--timeout <ms>', 'per-case timeout in milliseconds (default 10000)')
    .option('--isolation <mode>', 'fork: each case in a child of a warm fork server (default); exec: each case in a freshly started driver')
    .option('--strict', 'exit 1 when an expectations file has a problem')
    .option('--out <dir>', 'the run directory (default: a new directory under reports/runs)')
    .option('--shard <i/n>', 'run only every n-th case in id order, from the i-th (merge the shards with `dlspec merge`)')
    .option('--resume [dir]', 'complete an interrupted run (default: the newest unfinished one under reports/runs)')
    .addHelpText('after', `
Every run writes into its own directory; only a complete run becomes reports/latest (and
reports/latest.{json,md,html,junit.xml}). The input (options, --libc directories, --loader
selectors, the --case glob, every selected case file) is checked before anything runs.

Exit codes:
  0    every result is PASS, XFAIL, UNSPECIFIED or UNSUPPORTED
  1    some result is FAIL, XPASS or ERROR (or, with --strict, an expectations file has a problem)
  2    bad input, a failed spec check, or a harness fault (a loader that cannot be set up, a failed build)
  130  interrupted (the partial run stays in its directory: --resume completes it)`)
    .action(async (options: RunCliOptions) => {
      process.exitCode = await runAll(root(), thread(), options);
    });

  program
    .command('mutants')
    .description('run the cases on mutant loaders (each a small departure from one clause) and write the kill matrix to reports/mutants.{json,md,html}')
    .option('--mutant <glob>', 'only the mutants whose ids match (repeatable; default: every one)', collect, [])
    .option('--loader <id>', 'the base loaders to make mutants of (repeatable; default: host-glibc*, musl* and the --libc builds)', collect, [])
    .option('--libc <dir>', 'a glibc build directory to make mutants of (repeatable)', collect, [])
    .option('--case <glob>', 'only the cases whose ids match')
    .option('--jobs <n>', 'driver runs at once (default: the number of cores)')
    .option('--isolation <mode>', 'fork (default) or exec, as for `dlspec run`')
    .option('--all-cases', 'run every case on every mutant (default: each mutant on the cases that list its clause or judged it on the unmutated loader)')
    .addHelpText('after', `
A mutant is killed when a case FAILs on it naming the clause it departs from, where the unmutated
loader did not; killed elsewhere when its new failures name other clauses; masked when the
unmutated loader already breaks that clause. The catalogue is conformance/mutants/catalogue.ts.

Exit codes: 0 every mutant that ran was killed or masked; 1 one survived, was killed elsewhere or
did not run; 2 bad input.`)
    .action(async (options: MutantsCliOptions) => {
      process.exitCode = await mutantsCommand(root(), { ...options, ...(options.loader?.length === 0 ? { loader: undefined } : {}) });
    });

  program
    .command('fuzz-elf')
    .description('mutated fixture images (truncations, header and program header fields, dynamic entries) through the model and every loader, one child process each; counts by verdict and clause in reports/fuzz-elf.{json,md}')
    .option('--runs <n>', 'how many images', '100')
    .option('--seed <s>', 'the seed every image is drawn from (image I of seed S is the same on every run)', '1')
    .option('--loader <id>', 'a loader id or glob (repeatable; default: model and host-glibc+memfd, plus the --libc builds)', collect, [])
    .option('--libc <dir>', 'a glibc build directory to test through its elf/ld.so (repeatable)', collect, [])
    .option('--profile <profile>', 'the profile the cases are judged in', 'dlmem-branch')
    .option('--jobs <n>', 'child processes at once (default: the number of cores)')
    .option('--timeout <ms>', 'per-image timeout in milliseconds (default 5000)')
    .option('--only <i>', 'run image I alone (what every FAIL line prints)')
    .option('--repro <file>', 'with --only: write the standalone C program that reproduces it')
    .addHelpText('after', `
Each image is its own case: the image in a memfd, dlmem() of all of it, dlerror(). A loader crash,
abort or hang is a FAIL naming the clause it breaks (dlmem.elf.no-crash where the model says the
call returns). Exit codes: 0 no FAIL or ERROR; 1 some FAIL or ERROR; 2 bad input or no loader ran.`)
    .action(async (options: FuzzElfCliOptions) => {
      process.exitCode = await fuzzElfCommand(root(), options);
    });

  program
    .command('merge')
    .description('combine the results of several runs (such as --shard runs) into one report, which becomes reports/latest')
    .argument('<runs...>', 'run directories or results.json files')
    .option('--out <dir>', 'the merged run directory (default: a new directory under reports/runs)')
    .action((runs: string[], options: { out?: string }) => {
      process.exitCode = runMergeCommand(root(), runs, options.out, (line) => console.log(line));
    });

  program
    .command('diff')
    .description('print the verdict changes between two results.json files, per clause × loader and per case × profile × loader')
    .argument('<a>', 'the earlier results.json')
    .argument('<b>', 'the later results.json')
    .action((a: string, b: string) => {
      process.exitCode = runDiffCommand(a, b, (line) => console.log(line));
    });

  program
    .command('repro')
    .description('run one case on one loader and write a standalone C program that reproduces its verdict (exit 0: conforms, 1: diverges, 2: set-up failed)')
    .argument('<case>', 'a case id, e.g. baseline/dlopen-mode-unknown-bit')
    .option('--loader <id>', 'host-glibc, host-glibc+memfd, musl, musl+memfd or glibc:<dir name> (default: the --libc directory)')
    .option('--libc <dir>', 'a glibc build directory: the program then runs through its elf/ld.so')
    .option('--profile <profile>', "the profile whose verdict to reproduce (default: the case's first)")
    .option('--out <file>', 'where to write the program', 'repro.c')
    .option('--keep-going', 'run the steps after the divergence too')
    .option('--timeout <ms>', 'the driver run timeout in milliseconds')
    .action(async (caseId: string, options: ReproCliOptions) => {
      process.exitCode = await runReproCommand(root(), caseId, options, (line) => console.log(line));
    });
  return program;
}
