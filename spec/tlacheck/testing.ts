/**
 * Helpers for the evaluator's tests: modules from text, expressions evaluated in them, and
 * models explored, without files.
 *
 * @module
 */
import type { TlaModule } from '../checks/lib/tla.js';
import { tlaParser } from '../checks/lib/tla.js';
import { type Ctx, modelOf } from './context.js';
import { evaluate } from './eval.js';
import { type TlaSpec, buildSpec } from './module.js';
import { type ConfigFile, type ModuleRun, checkModule } from './run.js';
import { type Value, formatValue } from './values.js';

/** Parses `texts` (module name → body, header and footer added) as files of spec/tla. */
export async function modulesOf(texts: Readonly<Record<string, string>>): Promise<TlaModule[]> {
  const parser = await tlaParser();
  return Object.entries(texts).map(([name, body]) => {
    const text = body.includes('MODULE') ? body : `---- MODULE ${name} ----\n${body}\n====\n`;
    return { file: `spec/tla/${name}.tla`, text, tree: parser.parse(text) };
  });
}

/** The spec of module `root` among `texts`; a build error fails the test. */
export async function specOf(texts: Readonly<Record<string, string>>, root = Object.keys(texts)[0] as string): Promise<TlaSpec> {
  const built = buildSpec(await modulesOf(texts), root);
  if (!built.ok) throw new Error(built.error);
  return built.spec;
}

/** The value of `expr` in a module extending the standard modules plus `defs`, printed as TLA+. */
export async function valueOf(expr: string, defs = '', constants: Readonly<Record<string, Value>> = {}): Promise<string> {
  const spec = await specOf({ T: `EXTENDS Naturals, Sequences, FiniteSets\n${defs}\nE == ${expr}` });
  const ctx: Ctx = { model: modelOf(spec, new Map(Object.entries(constants))), state: [], next: undefined, env: undefined, at: undefined, cov: undefined };
  return formatValue(evaluate({ k: 'name', name: 'E', line: 0 }, ctx));
}

/** Checks module `name` of `texts` under `configs` (config file name → text). */
export async function checked(texts: Readonly<Record<string, string>>, name: string, configs: Readonly<Record<string, string>>): Promise<ModuleRun> {
  const parser = await tlaParser();
  const files: ConfigFile[] = Object.entries(configs).map(([file, text]) => ({ file, text }));
  return checkModule(await modulesOf(texts), name, files, (s) => parser.parse(s));
}
