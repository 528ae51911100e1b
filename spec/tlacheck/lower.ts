/**
 * Lowering the tree-sitter tree of a TLA+ expression to the evaluator's {@link Expr}. A construct
 * the evaluator does not support becomes an error naming the construct and its line, raised when
 * (and only when) something evaluates it, so that a module whose `Spec` uses `[]` still loads.
 *
 * @module
 */
import type Parser from 'web-tree-sitter';
import { type BinOp, type Bound, type Def, type Expr, type ExceptUpdate, hasPrime } from './ast.js';
import { TlaError } from './errors.js';

type Node = Parser.SyntaxNode;

/** Named nodes that are punctuation, never operands. */
const PUNCTUATION = new Set([
  'comment', 'block_comment', 'all_map_to', 'maps_to', 'set_in', 'langle_bracket', 'rangle_bracket', 'case_arrow',
  'case_box', 'def_eq', 'bullet_conj', 'bullet_disj', 'colon', 'label_as', 'forall', 'exists',
]);

/** The infix symbols the evaluator supports, by node type. */
const INFIX: Readonly<Record<string, BinOp>> = {
  eq: '=', neq: '#', lt: '<', gt: '>', leq: '<=', geq: '>=', plus: '+', minus: '-', mul: '*', div: '\\div', mod: '%',
  dots_2: '..', in: '\\in', notin: '\\notin', cup: '\\cup', cap: '\\cap', setminus: '\\', subseteq: '\\subseteq',
  circ: '\\o', implies: '=>', iff: '<=>',
};

/** The operands of `node`: its named children without comments and punctuation. */
export function operands(node: Node): Node[] {
  return node.namedChildren.filter((c) => !PUNCTUATION.has(c.type));
}

/** 1-based line of a node. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** Numbers IF and CASE nodes uniquely within a process, for coverage. */
let nextBranchId = 1;

/** Lowers one expression node. */
export function lowerExpr(node: Node): Expr {
  const line = lineOf(node);
  const kids = operands(node);
  const at = (i: number): Node => kids[i] ?? fail(node, 'an operand is missing');
  switch (node.type) {
    case 'nat_number': return { k: 'lit', v: Number(node.text), line };
    case 'string': return { k: 'lit', v: unquote(node.text), line };
    case 'boolean': return { k: 'lit', v: node.text === 'TRUE', line };
    case 'boolean_set': return { k: 'set', which: 'BOOLEAN', line };
    case 'nat_number_set': return { k: 'set', which: 'Nat', line };
    case 'int_number_set': return { k: 'set', which: 'Int', line };
    case 'string_set': return { k: 'set', which: 'STRING', line };
    case 'parentheses': return lowerExpr(at(0));
    case 'identifier_ref': return { k: 'name', name: node.text, line };
    case 'bound_op': return { k: 'apply', name: at(0).text, args: kids.slice(1).map(lowerExpr), line };
    case 'bound_prefix_op': return prefix(node, line);
    case 'bound_infix_op': return infix(node, line);
    case 'bound_postfix_op': {
      const symbol = node.childForFieldName('symbol');
      if (symbol?.type !== 'prime') return unsupported(node, `the postfix operator ${symbol?.text ?? '?'}`);
      return { k: 'prime', e: lowerExpr(field(node, 'lhs')), line };
    }
    case 'bounded_quantification': {
      const q = node.childForFieldName('quantifier')?.type === 'forall' ? 'A' : 'E';
      return { k: 'quant', q, bounds: fields(node, 'bound').flatMap(lowerBounds), body: lowerExpr(field(node, 'expression')), line };
    }
    case 'choose': {
      const set = node.childForFieldName('set');
      if (set === null) return unsupported(node, 'CHOOSE without a bounding set');
      const intro = field(node, 'intro');
      const tuple = intro.type === 'tuple_of_identifiers';
      const names = tuple ? operands(intro).map((n) => n.text) : [intro.text];
      return { k: 'choose', bound: { names, tuple, set: lowerExpr(set) }, body: lowerExpr(field(node, 'expression')), line };
    }
    case 'finite_set_literal': return { k: 'setlit', es: kids.map(lowerExpr), line };
    case 'set_filter':
      return { k: 'filter', bound: lowerBound(field(node, 'generator')), pred: lowerExpr(field(node, 'filter')), line };
    case 'set_map':
      return { k: 'map', e: lowerExpr(field(node, 'map')), bounds: fields(node, 'generator').flatMap(lowerBounds), line };
    case 'function_evaluation': return { k: 'app', f: lowerExpr(at(0)), args: kids.slice(1).map(lowerExpr), line };
    case 'function_literal': {
      const bounds = kids.filter((c) => c.type === 'quantifier_bound');
      return { k: 'funlit', bounds: bounds.flatMap(lowerBounds), e: lowerExpr(at(kids.length - 1)), line };
    }
    case 'set_of_functions': return { k: 'funset', dom: lowerExpr(at(0)), cod: lowerExpr(at(1)), line };
    case 'record_literal': return { k: 'reclit', fields: pairs(kids), line };
    case 'set_of_records': return { k: 'recset', fields: pairs(kids), line };
    case 'record_value': return { k: 'dot', e: lowerExpr(at(0)), field: at(1).text, line };
    case 'except': return lowerExcept(node, kids, line);
    case 'prev_func_val': return { k: 'at', line };
    case 'tuple_literal': return { k: 'tuple', es: kids.map(lowerExpr), line };
    case 'if_then_else':
      return { k: 'if', id: nextBranchId++, col: node.startPosition.column + 1, c: lowerExpr(field(node, 'if')), t: lowerExpr(field(node, 'then')), e: lowerExpr(field(node, 'else')), line };
    case 'case': return lowerCase(kids, line, node.startPosition.column + 1);
    case 'let_in': return lowerLet(node, line);
    case 'conj_list': return { k: 'and', es: kids.map((item) => lowerExpr(operands(item)[0] ?? fail(item, 'empty conjunct'))), line };
    case 'disj_list': return { k: 'or', es: kids.map((item) => lowerExpr(operands(item)[0] ?? fail(item, 'empty disjunct'))), line };
    default: return unsupported(node, node.type.replace(/_/g, ' '));
  }
}

/** An expression that raises "unsupported" when evaluated. */
function unsupported(node: Node, construct: string): Expr {
  return { k: 'unsupported', construct, line: lineOf(node) };
}

function fail(node: Node, what: string): never {
  throw new TlaError(`${what} in "${node.text.split('\n')[0] ?? ''}"`, lineOf(node));
}

function field(node: Node, name: string): Node {
  return node.childForFieldName(name) ?? fail(node, `no ${name}`);
}

function fields(node: Node, name: string): Node[] {
  return node.childrenForFieldName(name).filter((c) => c.isNamed && !PUNCTUATION.has(c.type));
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function pairs(kids: readonly Node[]): (readonly [string, Expr])[] {
  const out: (readonly [string, Expr])[] = [];
  for (let i = 0; i + 1 < kids.length; i += 2) out.push([(kids[i] as Node).text, lowerExpr(kids[i + 1] as Node)]);
  return out;
}

function prefix(node: Node, line: number): Expr {
  const symbol = node.childForFieldName('symbol')?.type;
  const e = lowerExpr(field(node, 'rhs'));
  switch (symbol) {
    case 'lnot': return { k: 'not', e, line };
    case 'negative': return { k: 'neg', e, line };
    case 'powerset': return { k: 'powerset', e, line };
    case 'union': return { k: 'bigunion', e, line };
    case 'domain': return { k: 'domain', e, line };
    case 'unchanged': return { k: 'unchanged', e, line };
    default: return unsupported(node, `the prefix operator ${symbol ?? '?'}`);
  }
}

function infix(node: Node, line: number): Expr {
  const symbol = node.childForFieldName('symbol');
  const type = symbol?.type ?? '?';
  const l = lowerExpr(field(node, 'lhs'));
  const r = lowerExpr(field(node, 'rhs'));
  if (type === 'land') return { k: 'and', es: [l, r], line };
  if (type === 'lor') return { k: 'or', es: [l, r], line };
  const op = INFIX[type];
  if (op === undefined) return unsupported(node, `the infix operator ${symbol?.text ?? type}`);
  return { k: 'bin', op, l, r, line };
}

/** One bound per name (`x, y \in S` is `x \in S, y \in S`); a tuple bound stays whole. */
function lowerBounds(node: Node): Bound[] {
  const introNodes = fields(node, 'intro');
  const tuple = introNodes[0]?.type === 'tuple_of_identifiers';
  const set = lowerExpr(field(node, 'set'));
  if (tuple) return [{ names: operands(introNodes[0] as Node).map((n) => n.text), tuple, set }];
  return introNodes.map((n) => ({ names: [n.text], tuple: false, set }));
}

function lowerBound(node: Node): Bound {
  const bounds = lowerBounds(node);
  if (bounds.length !== 1) fail(node, 'a bound with several names where one is expected');
  return bounds[0] as Bound;
}

function lowerExcept(node: Node, kids: readonly Node[], line: number): Expr {
  const updates: ExceptUpdate[] = kids.filter((c) => c.type === 'except_update').map((u) => {
    const spec = operands(u).find((c) => c.type === 'except_update_specifier') ?? fail(u, 'no update path');
    const path = operands(spec).flatMap((step): Expr[] => {
      if (step.type === 'except_update_record_field') return [{ k: 'lit', v: (operands(step)[0] as Node).text, line: lineOf(step) }];
      const args = operands(step);
      if (args.length !== 1) return [unsupported(step, 'an EXCEPT path step with several arguments')];
      return [lowerExpr(args[0] as Node)];
    });
    return { path, value: lowerExpr(u.childForFieldName('new_val') ?? fail(u, 'no new value')) };
  });
  return { k: 'except', f: lowerExpr(field(node, 'expr_to_update')), updates, line };
}

function lowerCase(kids: readonly Node[], line: number, col: number): Expr {
  const arms = kids.filter((c) => c.type === 'case_arm').map((arm) => {
    const [c, e] = operands(arm);
    return { c: lowerExpr(c ?? fail(arm, 'no condition')), e: lowerExpr(e ?? fail(arm, 'no value')) };
  });
  const otherNode = kids.find((c) => c.type === 'other_arm');
  const other = otherNode === undefined ? undefined : lowerExpr(operands(otherNode)[0] ?? fail(otherNode, 'no value'));
  return { k: 'case', id: nextBranchId++, col, arms, other, line };
}

function lowerLet(node: Node, line: number): Expr {
  const defs = fields(node, 'definitions').flatMap((d): Def[] => {
    if (d.type === 'recursive_declaration') return [];
    return [lowerDefinition(d)];
  });
  return { k: 'let', defs, body: lowerExpr(field(node, 'expression')), line };
}

/**
 * Lowers an operator or function definition. `f[x \in S] == e` becomes `f == [x \in S |-> e]`;
 * a function definition that refers to itself is not supported (RECURSIVE operators are).
 */
export function lowerDefinition(node: Node): Def {
  const line = lineOf(node);
  const name = field(node, 'name').text;
  if (node.type === 'function_definition') {
    const bounds = operands(node).filter((c) => c.type === 'quantifier_bound').flatMap(lowerBounds);
    const bodyNode = field(node, 'definition');
    const selfRef = bodyNode.descendantsOfType('identifier_ref').some((r) => r.text === name);
    const body: Expr = selfRef ? unsupported(node, `the recursive function definition ${name}`)
      : { k: 'funlit', bounds, e: lowerExpr(bodyNode), line };
    return { name, params: [], body, line, primed: hasPrime(body) };
  }
  if (node.type !== 'operator_definition') {
    return { name, params: [], body: unsupported(node, node.type.replace(/_/g, ' ')), line, primed: false };
  }
  const params = node.childrenForFieldName('parameter').filter((c) => c.isNamed && c.type !== 'comment');
  const bad = params.find((p) => p.type !== 'identifier');
  const body = bad !== undefined ? unsupported(bad, 'an operator parameter that is itself an operator')
    : lowerExpr(field(node, 'definition'));
  return { name, params: params.map((p) => p.text), body, line, primed: hasPrime(body) };
}
