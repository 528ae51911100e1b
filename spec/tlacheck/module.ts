/**
 * A TLA+ module and the modules it extends, as the evaluator needs them: declared constants and
 * variables, definitions lowered to {@link Def}s, and the standard modules in scope. Built from
 * tree-sitter trees (spec/checks/lib/tla.ts parses them).
 *
 * @module
 */
import { basename } from 'node:path';
import type Parser from 'web-tree-sitter';
import type { TlaModule } from '../checks/lib/tla.js';
import { type Def, type Expr, children } from './ast.js';
import { TlaError } from './errors.js';
import { lineOf, lowerDefinition, lowerExpr, operands } from './lower.js';

/** The standard modules the evaluator provides. */
export const STANDARD_MODULES: ReadonlySet<string> = new Set(['Naturals', 'Integers', 'FiniteSets', 'Sequences']);

/** A module-level definition and where it is. */
export interface ModuleDef extends Def {
  /** The file it is in. */
  readonly file: string;
  /** Whether it depends on no variable (a zero-arity one is then evaluated once per set of constants). */
  readonly constantLevel: boolean;
}

/** A declared constant or variable and where. */
export interface Declared {
  /** Its name. */
  readonly name: string;
  /** The file it is declared in. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

/** A root module with everything it extends. */
export interface TlaSpec {
  /** The root module's name. */
  readonly name: string;
  /** The root module's file. */
  readonly file: string;
  /** Every declared constant, extended modules first. */
  readonly constants: readonly Declared[];
  /** Every declared variable, extended modules first: a state is their values in this order. */
  readonly variables: readonly Declared[];
  /** Each variable's position in a state. */
  readonly varIndex: ReadonlyMap<string, number>;
  /** Every definition by name. */
  readonly defs: ReadonlyMap<string, ModuleDef>;
  /** The standard modules in scope. */
  readonly standard: ReadonlySet<string>;
  /** ASSUME statements, checked once the constants are given. */
  readonly assumptions: readonly { readonly expr: Expr; readonly file: string }[];
}

/** A spec, or why it could not be built. */
export type SpecResult = { readonly ok: true; readonly spec: TlaSpec } | { readonly ok: false; readonly error: string };

interface Collected {
  constants: Declared[];
  variables: Declared[];
  defs: Map<string, Def & { file: string }>;
  standard: Set<string>;
  assumptions: { expr: Expr; file: string }[];
  seen: Set<string>;
}

/**
 * The spec rooted at module `root`, built from `modules` (each parsed file; EXTENDS finds the
 * others among them by module name). Errors are values: a missing module, a redefinition, a
 * construct at module level the evaluator does not support.
 */
export function buildSpec(modules: readonly TlaModule[], root: string): SpecResult {
  const byName = new Map(modules.map((m) => [basename(m.file, '.tla'), m]));
  const into: Collected = { constants: [], variables: [], defs: new Map(), standard: new Set(), assumptions: [], seen: new Set() };
  try {
    collect(byName, root, into);
  } catch (e) {
    if (e instanceof TlaError) return { ok: false, error: e.where() };
    throw e;
  }
  const rootModule = byName.get(root) as TlaModule;
  const variables = into.variables;
  const varNames = new Set(variables.map((v) => v.name));
  return {
    ok: true,
    spec: {
      name: root, file: rootModule.file, constants: into.constants, variables,
      varIndex: new Map(variables.map((v, i) => [v.name, i])),
      defs: withLevels(into.defs, varNames), standard: into.standard, assumptions: into.assumptions,
    },
  };
}

function collect(byName: ReadonlyMap<string, TlaModule>, name: string, into: Collected): void {
  if (into.seen.has(name)) return;
  into.seen.add(name);
  if (STANDARD_MODULES.has(name)) { into.standard.add(name); return; }
  const module = byName.get(name);
  if (module === undefined) throw new TlaError(`module ${name} is neither a standard module the evaluator provides nor a file beside the spec`, 0);
  const node = module.tree.rootNode.descendantsOfType('module')[0];
  if (node === undefined) throw new TlaError(`${module.file} holds no MODULE`, 0, module.file);
  try {
    for (const unit of operands(node)) unitOf(unit, byName, module.file, into);
  } catch (e) {
    if (e instanceof TlaError && e.file === undefined) e.file = module.file;
    throw e;
  }
}

function unitOf(unit: Parser.SyntaxNode, byName: ReadonlyMap<string, TlaModule>, file: string, into: Collected): void {
  const declared = (n: Parser.SyntaxNode): Declared => ({ name: n.text, file, line: lineOf(n) });
  switch (unit.type) {
    case 'identifier': case 'header_line': case 'double_line': case 'single_line': case 'recursive_declaration': case 'theorem':
      return;
    case 'extends':
      for (const ref of operands(unit)) collect(byName, ref.text, into);
      return;
    case 'constant_declaration':
      for (const c of operands(unit)) {
        if (c.type !== 'identifier') throw new TlaError(`the constant operator ${c.text} is not supported`, lineOf(c));
        into.constants.push(declared(c));
      }
      return;
    case 'variable_declaration':
      into.variables.push(...operands(unit).map(declared));
      return;
    case 'assumption': {
      const expr = operands(unit).at(-1);
      if (expr !== undefined) into.assumptions.push({ expr: lowerExpr(expr), file });
      return;
    }
    case 'local_definition': case 'operator_definition': case 'function_definition': {
      const target = unit.type === 'local_definition' ? operands(unit)[0] : unit;
      if (target === undefined) return;
      const def = lowerDefinition(target);
      if (into.defs.has(def.name)) throw new TlaError(`${def.name} is defined twice`, def.line);
      into.defs.set(def.name, { ...def, file });
      return;
    }
    default:
      throw new TlaError(`the module-level construct ${unit.type.replace(/_/g, ' ')} is not supported`, lineOf(unit));
  }
}

/** Every name `e` refers to (bound names included: a bound name never shadows a variable in TLA+). */
function namesIn(e: Expr, out: Set<string>): Set<string> {
  if (e.k === 'name' || e.k === 'apply') out.add(e.name);
  if (e.k === 'prime' || e.k === 'unchanged') out.add('\u0000prime');
  for (const c of children(e)) namesIn(c, out);
  return out;
}

/** Marks each definition constant-level when nothing it refers to, directly or not, is a variable. */
function withLevels(defs: ReadonlyMap<string, Def & { file: string }>, variables: ReadonlySet<string>): Map<string, ModuleDef> {
  const refs = new Map([...defs].map(([name, d]) => [name, namesIn(d.body, new Set())]));
  const stateful = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, names] of refs) {
      if (stateful.has(name)) continue;
      if ([...names].some((n) => variables.has(n) || n === '\u0000prime' || stateful.has(n))) { stateful.add(name); changed = true; }
    }
  }
  return new Map([...defs].map(([name, d]) => [name, { ...d, constantLevel: !stateful.has(name) }]));
}
