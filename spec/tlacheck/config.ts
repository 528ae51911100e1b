/**
 * Model configurations in TLC's `.cfg` format: CONSTANTS (`C = value`, where the value may be any
 * constant TLA+ expression, or `C <- Def`), INIT, NEXT, INVARIANT(S), CONSTRAINT(S) and
 * CHECK_DEADLOCK; PROPERTY and SPECIFICATION are refused. Comments `\* @result R` and
 * `\* @distinct N` record the expected result (`success`, `invariant`, `deadlock`) and number of
 * distinct states, as tlaplus/Examples records them in its manifest.
 *
 * @module
 */
import type Parser from 'web-tree-sitter';
import type { Expr } from './ast.js';
import { lowerExpr, operands } from './lower.js';

/** What a configuration expects the exploration to find. */
export type ExpectedResult = 'success' | 'invariant' | 'deadlock';

/** A constant's value as the configuration gives it. */
export type ConstantValue =
  | { readonly kind: 'expr'; readonly expr: Expr; readonly text: string }
  | { readonly kind: 'def'; readonly name: string };

/** A parsed configuration. */
export interface TlaConfig {
  /** The file, for messages. */
  readonly file: string;
  /** Constant values by name. */
  readonly constants: ReadonlyMap<string, ConstantValue>;
  /** The initial predicate's name. */
  readonly init: string;
  /** The next-state action's name. */
  readonly next: string;
  /** The invariants' names, in order. */
  readonly invariants: readonly string[];
  /** State constraints: states that break one are kept but not explored further. */
  readonly constraints: readonly string[];
  /** Whether a state without successors is an error. */
  readonly checkDeadlock: boolean;
  /** The expected result, when recorded. */
  readonly expect: ExpectedResult | undefined;
  /** The expected number of distinct states, when recorded. */
  readonly distinct: number | undefined;
}

/** A configuration, or the problems that make it unusable. */
export type ConfigResult = { readonly ok: true; readonly config: TlaConfig } | { readonly ok: false; readonly errors: readonly string[] };

const KEYWORDS = new Set(['CONSTANT', 'CONSTANTS', 'INIT', 'NEXT', 'INVARIANT', 'INVARIANTS', 'CONSTRAINT', 'CONSTRAINTS',
  'CHECK_DEADLOCK', 'PROPERTY', 'PROPERTIES', 'SPECIFICATION', 'SYMMETRY', 'VIEW', 'ACTION_CONSTRAINT', 'ACTION_CONSTRAINTS']);

/** Parses `text` (the file `file`); `parse` parses TLA+ source, for constant values. */
export function parseConfig(text: string, file: string, parse: (source: string) => Parser.Tree): ConfigResult {
  const errors: string[] = [];
  const directive = (name: string): string | undefined => new RegExp(`\\\\\\*\\s*@${name}\\s+(\\S+)`).exec(text)?.[1];
  const expect = directive('result');
  if (expect !== undefined && !['success', 'invariant', 'deadlock'].includes(expect)) errors.push(`${file}: @result must be success, invariant or deadlock, got ${expect}`);
  const distinct = directive('distinct');
  const body = text.replace(/\(\*[\s\S]*?\*\)/g, ' ').replace(/\\\*.*$/gm, '');
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const token of body.split(/(\s+)/)) {
    if (KEYWORDS.has(token)) { current = []; sections.set(token.replace(/S$/, ''), current); continue; }
    if (current !== undefined) current.push(token);
    else if (token.trim() !== '') errors.push(`${file}: "${token}" before any section`);
  }
  const words = (key: string): string[] => (sections.get(key) ?? []).join('').trim().split(/\s+/).filter(Boolean);
  for (const refused of ['PROPERTY', 'PROPERTIE', 'SPECIFICATION', 'SYMMETRY', 'VIEW', 'ACTION_CONSTRAINT']) {
    if (sections.has(refused)) errors.push(`${file}: ${refused} is not supported (give INIT and NEXT; invariants only)`);
  }
  const one = (key: string): string => {
    const w = words(key);
    if (w.length !== 1) errors.push(`${file}: ${key} must name one definition, got ${w.length === 0 ? 'none' : w.join(' ')}`);
    return w[0] ?? '';
  };
  const init = one('INIT');
  const next = one('NEXT');
  const deadlock = words('CHECK_DEADLOCK');
  const constants = parseConstants((sections.get('CONSTANT') ?? []).join(''), file, parse, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      file, constants, init, next, invariants: words('INVARIANT'), constraints: words('CONSTRAINT'),
      checkDeadlock: deadlock[0] !== 'FALSE', expect: expect as ExpectedResult | undefined,
      distinct: distinct === undefined ? undefined : Number(distinct),
    },
  };
}

/** `Name = expr` or `Name <- Def` entries; an entry runs until the next line that starts another. */
function parseConstants(text: string, file: string, parse: (source: string) => Parser.Tree, errors: string[]): Map<string, ConstantValue> {
  const out = new Map<string, ConstantValue>();
  const entries = text.split(/\n(?=\s*[A-Za-z_][A-Za-z0-9_]*\s*(?:=|<-))/).map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=|<-)\s*([\s\S]*)$/.exec(entry);
    if (m === null) { errors.push(`${file}: cannot read the constant entry "${entry.split('\n')[0] ?? ''}"`); continue; }
    const [, name, how, value] = m as unknown as [string, string, string, string];
    if (how === '<-') { out.set(name, { kind: 'def', name: value.trim() }); continue; }
    const tree = parse(`---- MODULE Cfg ----\nV ==\n  ${value.replace(/\n/g, '\n  ')}\n====\n`);
    const def = tree.rootNode.descendantsOfType('operator_definition')[0];
    const expr = def?.childForFieldName('definition');
    if (tree.rootNode.hasError || expr === null || expr === undefined || operands(def as Parser.SyntaxNode).length < 2) {
      errors.push(`${file}: the value of ${name} is not a TLA+ expression: ${value.trim()}`);
      continue;
    }
    out.set(name, { kind: 'expr', expr: lowerExpr(expr), text: value.trim() });
  }
  return out;
}
