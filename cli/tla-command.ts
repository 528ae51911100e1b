/**
 * `dlspec tla check [MODULE] [--constants FILE]`: model-checks the TLA+ modules of spec/tla with
 * their configurations (or one configuration file), printing per configuration the states
 * generated and distinct, the invariants checked, a violation as its shortest trace, and the
 * actions and branches no configuration exercised. `dlspec tla trace [--case GLOB]`: trace
 * validation of the cases' model traces against the modules.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseTlaModules, tlaParser } from '../spec/checks/lib/tla.js';
import { TLA_DIR } from '../spec/registry/paths.js';
import { formatModuleRun } from '../spec/tlacheck/format.js';
import { type ConfigFile, checkModule, checkedModules, configFilesOf } from '../spec/tlacheck/run.js';
import { formatDisagreement, traceSummary } from '../conformance/tla-trace/format.js';
import { validateCases } from '../conformance/tla-trace/run.js';

/**
 * Runs `dlspec tla check`; returns the exit code: 0 when every configuration gives the result it
 * records and nothing is dead (dead code is only printed for a single `--constants` file), 1
 * otherwise, 2 for a module or file that does not exist.
 */
export async function runTlaCheck(root: string, module: string | undefined, constants: string | undefined, print: (line: string) => void): Promise<number> {
  if (constants !== undefined && module === undefined) {
    print('dlspec tla check: --constants needs the MODULE it configures');
    return 2;
  }
  if (module !== undefined && !existsSync(join(root, TLA_DIR, `${module}.tla`))) {
    print(`dlspec tla check: there is no ${TLA_DIR}/${module}.tla`);
    return 2;
  }
  let given: ConfigFile | undefined;
  if (constants !== undefined) {
    const path = resolve(constants);
    if (!existsSync(path)) { print(`dlspec tla check: cannot read ${constants}`); return 2; }
    given = { file: relative(root, path), text: readFileSync(path, 'utf8') };
  }
  const parser = await tlaParser();
  const modules = await parseTlaModules(root);
  const names = module === undefined ? checkedModules(root, modules) : [module];
  let failed = false;
  for (const name of names) {
    const run = checkModule(modules, name, given === undefined ? configFilesOf(root, name) : [given], (text) => parser.parse(text));
    for (const line of formatModuleRun(run)) print(line);
    failed ||= run.error !== undefined || (given === undefined && run.dead.length > 0) || run.runs.some((r) => r.problems.length > 0);
  }
  return failed ? 1 : 0;
}

/** Runs `dlspec tla trace`; returns 0 without disagreements, 1 with any, 2 when validation cannot run. */
export async function runTlaTrace(root: string, glob: string | undefined, print: (line: string) => void): Promise<number> {
  const results = await validateCases(root, glob);
  if ('problem' in results) { print(`dlspec tla trace: ${results.problem}`); return 2; }
  let bad = 0;
  for (const r of results) {
    if (r.problem !== undefined) { bad++; print(`${r.caseId} [${r.profile}]: the model stopped: ${r.problem}`); }
    for (const d of r.disagreements) { bad++; for (const line of formatDisagreement(r, d)) print(line); }
  }
  print(traceSummary(results));
  return bad > 0 ? 1 : 0;
}
