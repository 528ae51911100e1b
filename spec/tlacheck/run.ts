/**
 * Checking a module with its configurations: the constants each configuration gives, the
 * exploration, the expected result it records, and the dead code over all of them (an action or
 * branch is dead when no configuration exercised it).
 *
 * @module
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type Parser from 'web-tree-sitter';
import type { TlaModule } from '../checks/lib/tla.js';
import { TLA_DIR } from '../registry/paths.js';
import { type TlaConfig, parseConfig } from './config.js';
import { type Ctx, type Model, modelOf } from './context.js';
import { Coverage, type DeadCode, deadCode } from './coverage.js';
import { TlaError } from './errors.js';
import { evaluate } from './eval.js';
import { type Exploration, explore } from './explore.js';
import { type TlaSpec, buildSpec } from './module.js';
import { type Value } from './values.js';

/** A configuration file's name and text. */
export interface ConfigFile {
  /** Path relative to the repository root. */
  readonly file: string;
  /** Its text. */
  readonly text: string;
}

/** What one configuration of a module gave. */
export interface ConfigRun {
  /** The configuration file. */
  readonly file: string;
  /** The invariants it checks. */
  readonly invariants: readonly string[];
  /** The exploration, when the model could be set up. */
  readonly exploration: Exploration | undefined;
  /** Why the model could not be set up, or where the result departs from the one the file records. */
  readonly problems: readonly string[];
}

/** What checking a module gave. */
export interface ModuleRun {
  /** The module's name. */
  readonly module: string;
  /** Its variables, in state order. */
  readonly variables: readonly string[];
  /** One entry per configuration. */
  readonly runs: readonly ConfigRun[];
  /** Actions and branches no configuration exercised. */
  readonly dead: readonly DeadCode[];
  /** Why the module could not be checked at all. */
  readonly error: string | undefined;
}

/** The configurations of `module` under `root`: `spec/tla/<module>.cfg` and `spec/tla/<module>.<name>.cfg`. */
export function configFilesOf(root: string, module: string): ConfigFile[] {
  const dir = join(root, TLA_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n === `${module}.cfg` || (n.startsWith(`${module}.`) && n.endsWith('.cfg'))).sort()
    .map((n) => ({ file: `${TLA_DIR}/${n}`, text: readFileSync(join(dir, n), 'utf8') }));
}

/** The modules under `root` that have at least one configuration, in name order. */
export function checkedModules(root: string, modules: readonly TlaModule[]): string[] {
  return modules.map((m) => basename(m.file, '.tla')).filter((name) => configFilesOf(root, name).length > 0);
}

/** The model `config` makes of `spec`: every declared constant given a value, every ASSUME true. */
export function modelFor(spec: TlaSpec, config: Pick<TlaConfig, 'file' | 'constants'>): { readonly model: Model } | { readonly error: string } {
  const values = new Map<string, Value>();
  const model = modelOf(spec, values);
  const ctx: Ctx = { model, state: [], next: undefined, env: undefined, at: undefined, cov: undefined };
  try {
    for (const [name, given] of config.constants) {
      if (!spec.constants.some((c) => c.name === name)) return { error: `${config.file}: ${name} is not a constant of ${spec.name}` };
      if (given.kind !== 'expr') continue;
      try {
        values.set(name, evaluate(given.expr, ctx));
      } catch (e) {
        if (e instanceof TlaError) return { error: `${config.file}: the value of ${name}: ${e.message}` };
        throw e;
      }
    }
    for (const [name, given] of config.constants) {
      if (given.kind === 'def') values.set(name, evaluate({ k: 'name', name: given.name, line: 0 }, ctx));
    }
    const missing = spec.constants.filter((c) => !values.has(c.name)).map((c) => c.name);
    if (missing.length > 0) return { error: `${config.file}: no value for ${missing.join(', ')}` };
    for (const a of spec.assumptions) {
      if (evaluate(a.expr, ctx) !== true) return { error: `${a.file}:${a.expr.line}: ASSUME does not hold for the constants of ${config.file}` };
    }
  } catch (e) {
    if (e instanceof TlaError) return { error: `${config.file}: ${e.where()}` };
    throw e;
  }
  return { model };
}

/** Where an exploration's result departs from the one the configuration records. */
function expectationProblems(config: TlaConfig, found: Exploration): string[] {
  const v = found.violation;
  const result = v === undefined ? 'success' : v.kind;
  const problems: string[] = [];
  const what = v === undefined ? 'success' : v.kind === 'invariant' ? `${v.invariant} violated after ${v.trace.length - 1} steps`
    : v.kind === 'deadlock' ? `a deadlock after ${v.trace.length - 1} steps` : '';
  if (v?.kind === 'error') problems.push(`${config.file}: ${v.message}`);
  else if (result !== (config.expect ?? 'success')) problems.push(`${config.file}: expected ${config.expect ?? 'success'}, found ${what}`);
  if (config.distinct !== undefined && found.violation === undefined && config.distinct !== found.distinct) {
    problems.push(`${config.file}: expected ${config.distinct} distinct states, found ${found.distinct}`);
  }
  return problems;
}

/** Runs already made in this process, by the texts they were made from: a repeated check costs nothing. */
const done = new Map<string, ModuleRun>();

/** Checks module `name` of `modules` under each of `configs`; `parse` parses TLA+ source. */
export function checkModule(
  modules: readonly TlaModule[], name: string, configs: readonly ConfigFile[], parse: (source: string) => Parser.Tree,
): ModuleRun {
  const key = JSON.stringify([name, modules.map((m) => [m.file, m.text]), configs]);
  let run = done.get(key);
  if (run === undefined) { run = checkAnew(modules, name, configs, parse); done.set(key, run); }
  return run;
}

function checkAnew(
  modules: readonly TlaModule[], name: string, configs: readonly ConfigFile[], parse: (source: string) => Parser.Tree,
): ModuleRun {
  const built = buildSpec(modules, name);
  if (!built.ok) return { module: name, variables: [], runs: [], dead: [], error: built.error };
  const coverage = new Coverage();
  const nexts = new Set<string>();
  const runs = configs.map((file): ConfigRun => {
    const parsed = parseConfig(file.text, file.file, parse);
    if (!parsed.ok) return { file: file.file, invariants: [], exploration: undefined, problems: parsed.errors };
    const config = parsed.config;
    const made = modelFor(built.spec, config);
    if ('error' in made) return { file: file.file, invariants: config.invariants, exploration: undefined, problems: [made.error] };
    const exploration = explore(made.model, config);
    coverage.merge(exploration.coverage);
    nexts.add(config.next);
    return { file: file.file, invariants: config.invariants, exploration, problems: expectationProblems(config, exploration) };
  });
  const dead = [...nexts].flatMap((next) => deadCode(built.spec, next, coverage));
  return { module: name, variables: built.spec.variables.map((v) => v.name), runs, dead, error: runs.length === 0 ? `module ${name} has no configuration (${TLA_DIR}/${name}.cfg)` : undefined };
}
