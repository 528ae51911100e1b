/**
 * The actions and invariants of a TLA+ module, with the clause IDs their `\* @clauses`
 * comments tag them with.
 *
 * @module
 */
import { basename } from 'node:path';
import type Parser from 'web-tree-sitter';
import type { TlaModule } from './tla.js';

/** A top-level operator definition that must carry a `\* @clauses` tag. */
export interface TlaDefinition {
  /** The module file, relative to the repository root. */
  file: string;
  /** The module name (the file name without `.tla`). */
  module: string;
  /** The operator's name. */
  name: string;
  /** 1-based line of the definition. */
  line: number;
  /** An action primes a variable; an invariant is named `Inv…` or `TypeOK`. */
  kind: 'action' | 'invariant';
  /** The tagged clause IDs, or `undefined` when no `\* @clauses` comment is right above it. */
  tags: string[] | undefined;
}

const TAG = /@clauses\b(.*)$/;

/** The actions and invariants of `module`, in source order. */
export function tlaDefinitions(module: TlaModule): TlaDefinition[] {
  const root = module.tree.rootNode;
  const lines = module.text.split('\n');
  const commentByLastRow = new Map<number, Parser.SyntaxNode>();
  for (const comment of root.descendantsOfType(['comment', 'block_comment'])) {
    const start = comment.startPosition;
    if ((lines[start.row] ?? '').slice(0, start.column).trim() !== '') continue; // trails code
    commentByLastRow.set(lastRow(comment), comment);
  }
  const found: TlaDefinition[] = [];
  for (const node of root.descendantsOfType('operator_definition')) {
    if (insideDefinition(node)) continue;
    const name = node.childForFieldName('name')?.text ?? firstLine(node.text);
    const kind = kindOf(node, name);
    if (kind === undefined) continue;
    found.push({
      file: module.file,
      module: basename(module.file, '.tla'),
      name,
      line: node.startPosition.row + 1,
      kind,
      tags: tagsAbove(node.startPosition.row, commentByLastRow),
    });
  }
  return found;
}

function kindOf(node: Parser.SyntaxNode, name: string): TlaDefinition['kind'] | undefined {
  if (name.startsWith('Inv') || name === 'TypeOK') return 'invariant';
  const body = node.childForFieldName('definition');
  return body !== null && body.descendantsOfType('prime').length > 0 ? 'action' : undefined;
}

/** Collects the IDs of every `@clauses` line comment in the comment run ending just above `row`. */
function tagsAbove(row: number, commentByLastRow: ReadonlyMap<number, Parser.SyntaxNode>): string[] | undefined {
  let tags: string[] | undefined;
  for (let comment = commentByLastRow.get(row - 1); comment; ) {
    const match = comment.type === 'comment' ? TAG.exec(comment.text) : null;
    if (match) tags = [...(match[1] ?? '').split(/[\s,]+/).filter(Boolean), ...(tags ?? [])];
    comment = commentByLastRow.get(comment.startPosition.row - 1);
  }
  return tags;
}

function insideDefinition(node: Parser.SyntaxNode): boolean {
  for (let up = node.parent; up; up = up.parent) if (up.type === 'operator_definition') return true;
  return false;
}

function lastRow(node: Parser.SyntaxNode): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row - 1 : end.row;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
