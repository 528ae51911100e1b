/**
 * The project's own text files that may cite clause IDs: code, models, cases, docs.
 *
 * @module
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CLAUSES_DIR } from '../../registry/paths.js';

/** A text file and its contents. */
export interface TextFile {
  /** Path relative to the repository root, with `/` separators. */
  file: string;
  /** The contents. */
  text: string;
}

/** Where citations are looked for: directories (walked) and single files, relative to the root. */
export const SCAN_PATHS: readonly string[] = ['spec', 'model', 'conformance', 'cli', 'README.md'];

/** Directory names never walked into. */
export const SKIP_DIR_NAMES: ReadonlySet<string> = new Set(['node_modules', 'reports', 'fixtures']);

/** Paths never read: the registry itself, which defines the IDs rather than citing them. */
export const SKIP_PATHS: ReadonlySet<string> = new Set([CLAUSES_DIR]);

/** Extensions of the files read. */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(
  ['.ts', '.mts', '.js', '.mjs', '.cjs', '.c', '.h', '.md', '.yaml', '.yml', '.json', '.tla', '.cfg', '.txt', '.sh'],
);

/** Whether a file name is one the generator writes (`*.gen.*`). */
export function isGeneratedName(name: string): boolean {
  return /\.gen\.[a-z]+$/.test(name);
}

/** Reads every text file under {@link SCAN_PATHS} of `root`, sorted by path. */
export function readProjectTextFiles(root: string): TextFile[] {
  const files: TextFile[] = [];
  const visit = (rel: string) => {
    const abs = join(root, rel);
    if (!existsSync(abs) || SKIP_PATHS.has(rel)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (name.startsWith('.') || SKIP_DIR_NAMES.has(name)) continue;
        visit(`${rel}/${name}`);
      }
    } else if (TEXT_EXTENSIONS.has(extname(rel)) && !isGeneratedName(rel)) {
      files.push({ file: rel, text: readFileSync(abs, 'utf8') });
    }
  };
  for (const rel of SCAN_PATHS) visit(rel);
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
