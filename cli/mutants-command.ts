/**
 * `dlspec mutants`: the conformance suite on mutant loaders, each a small departure from one
 * clause, and the kill matrix in reports/mutants.{json,md,html}. Exit 0 when every mutant that ran
 * was killed for its clause (or masked by its base loader's own failure), 1 when one survived or
 * was blamed on another clause, 2 on bad input.
 *
 * @module
 */
import { replaceFile } from './files.js';
import { join } from 'node:path';
import { globToRegExp } from '../conformance/case-file/discover.js';
import { MUTANTS } from '../conformance/mutants/catalogue.js';
import { formatMutantsHtml, formatMutantsMarkdown, reachText } from '../conformance/mutants/report.js';
import { runMutation } from '../conformance/mutants/run.js';
import { plainProgress } from './progress.js';
import { REPORT_DIR } from './run-command.js';
import { checkRunInput } from './run-input.js';

/** The options of `dlspec mutants`. */
export interface MutantsCliOptions {
  /** Mutant id globs (`*` matches any run of characters). */
  readonly mutant?: readonly string[];
  /** Base loader selectors. */
  readonly loader?: readonly string[];
  /** glibc build directories. */
  readonly libc?: readonly string[];
  /** Only the cases whose ids match. */
  readonly case?: string;
  /** Driver runs at once. */
  readonly jobs?: string;
  /** Every case on every mutant (focus.ts). */
  readonly allCases?: boolean;
  /** `fork` or `exec` (`dlspec run --isolation`). */
  readonly isolation?: string;
}

/** Runs `dlspec mutants`; returns the exit code. */
export async function mutantsCommand(root: string, cli: MutantsCliOptions, print: (line: string) => void = console.log): Promise<number> {
  const globs = cli.mutant ?? [];
  const mutants = globs.length === 0 ? MUTANTS : MUTANTS.filter((m) => globs.some((g) => globToRegExp(g).test(m.id)));
  const input = checkRunInput(root, join(root, REPORT_DIR), {
    ...(cli.loader === undefined ? {} : { loader: cli.loader }), ...(cli.libc === undefined ? {} : { libc: cli.libc }),
    ...(cli.case === undefined ? {} : { case: cli.case }), ...(cli.jobs === undefined ? {} : { jobs: cli.jobs }),
    ...(cli.isolation === undefined ? {} : { isolation: cli.isolation }),
  });
  const errors = 'errors' in input ? [...input.errors] : [];
  if (mutants.length === 0) errors.push(`--mutant ${globs.join(', ')} matches no mutant (known: ${MUTANTS.map((m) => m.id).join(', ')})`);
  if (errors.length > 0 || 'errors' in input) {
    for (const e of errors) print(`error: ${e}`);
    print('dlspec mutants: nothing was run');
    return 2;
  }
  const progress = plainProgress(print);
  const outcome = await runMutation({
    root, mutants, libcDirs: cli.libc ?? [], ...(cli.loader === undefined ? {} : { loaders: cli.loader }),
    ...(cli.case === undefined ? {} : { caseGlob: cli.case }), ...(input.jobs === undefined ? {} : { jobs: input.jobs }),
    ...(cli.allCases === true ? { allCases: true } : {}), ...(input.isolation === undefined ? {} : { isolation: input.isolation }),
    onPlan: (n) => progress.plan(n), onResult: (r) => progress.result(r),
  });
  progress.done();
  for (const p of outcome.problems) print(`problem: ${p}`);
  const { report } = outcome;
  for (const r of report.rows) print(`${r.fate.padEnd(16)} ${r.mutant.padEnd(28)} ${r.loader.padEnd(22)} ${r.clause}`);
  for (const n of report.notMade) print(`${'not made'.padEnd(16)} ${n.mutant.padEnd(28)} ${n.why}`);
  // An allowed departure that is convicted means the spec forbids what the catalogue allows.
  for (const r of report.rows) {
    if (r.fate === 'killed' && report.mutants.find((m) => m.id === r.mutant)?.allowed !== undefined) {
      print(`warning: ${r.mutant} is allowed by the catalogue, yet ${r.loader} was convicted for ${r.clause}`);
    }
  }
  const s = report.scores.overall;
  print(`mutation score: ${s.killed}/${s.judged} killed for their clause`);
  print(reachText(report.reach));
  const dir = join(root, REPORT_DIR);
  replaceFile(join(dir, 'mutants.json'), `${JSON.stringify(report, null, 2)}\n`);
  replaceFile(join(dir, 'mutants.md'), formatMutantsMarkdown(report));
  replaceFile(join(dir, 'mutants.html'), formatMutantsHtml(report));
  print(`wrote ${REPORT_DIR}/mutants.json, .md and .html`);
  if (outcome.problems.length > 0 && report.rows.length === 0) return 2;
  return report.rows.some((r) => r.fate === 'survived' || r.fate === 'killed-elsewhere' || r.fate === 'not-run') ? 1 : 0;
}
