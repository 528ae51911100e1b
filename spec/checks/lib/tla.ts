/**
 * Parsing the TLA+ modules of `spec/tla` with web-tree-sitter and the tlaplus grammar.
 *
 * @module
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Parser from 'web-tree-sitter';
import { TLA_DIR } from '../../registry/paths.js';

/** One parsed TLA+ module file. */
export interface TlaModule {
  /** Path relative to the repository root. */
  file: string;
  /** The source text. */
  text: string;
  /** The syntax tree. */
  tree: Parser.Tree;
}

/** Where a syntax error was found, 1-based. */
export interface SyntaxErrorSite {
  /** Line of the first ERROR or MISSING node. */
  line: number;
  /** Column of that node. */
  column: number;
  /** What the node says: an unparsable stretch, or a token the parser had to invent. */
  what: string;
}

let parser: Promise<Parser> | undefined;
let ready: Parser | undefined;

/** The TLA+ parser, created once per process. */
export function tlaParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('@tlaplus/tree-sitter-tlaplus/tree-sitter-tlaplus.wasm');
    const instance = new Parser();
    instance.setLanguage(await Parser.Language.load(wasm));
    ready = instance;
    return instance;
  })();
  return parser;
}

/** The TLA+ parser if {@link tlaParser} has created it (a check that runs after loading may parse more). */
export function readyTlaParser(): Parser | undefined {
  return ready;
}

/** Parses every `*.tla` file of `spec/tla` under `root`, in name order; none when the directory is absent. */
export async function parseTlaModules(root: string): Promise<TlaModule[]> {
  const dir = join(root, TLA_DIR);
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.tla'))
    .sort();
  const tla = await tlaParser();
  return names.map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    return { file: `${TLA_DIR}/${name}`, text, tree: tla.parse(text) };
  });
}

/**
 * The first syntax error of `tree`, or `undefined` when it parsed cleanly. An ERROR node that
 * holds a nested one is reported at the nested one, which is closer to the actual mistake.
 */
export function firstSyntaxError(tree: Parser.Tree): SyntaxErrorSite | undefined {
  const visit = (node: Parser.SyntaxNode): SyntaxErrorSite | undefined => {
    if (!node.hasError && !node.isMissing) return undefined;
    if (node.isMissing) return site(node, `missing ${node.type}`);
    for (const child of node.children) {
      const found = visit(child);
      if (found) return found;
    }
    if (node.isError) return site(node, `cannot parse "${firstLine(node.text)}"`);
    return undefined;
  };
  return visit(tree.rootNode);
}

function site(node: Parser.SyntaxNode, what: string): SyntaxErrorSite {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1, what };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
