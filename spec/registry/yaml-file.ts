/**
 * Reading a YAML file into plain values while keeping the line of every node, so that
 * problems can name the line they are on.
 *
 * @module
 */
import { LineCounter, isNode, parseDocument } from 'yaml';
import type { Problem } from './types.js';

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** A parsed YAML file. */
export interface YamlFile {
  /** The document as plain JavaScript values. */
  value: unknown;
  /** The 1-based line where the node at `path` starts, when it exists. */
  lineOf(path: YamlPath): number | undefined;
}

/** A parsed YAML file, or the syntax errors that stopped it. */
export interface ParsedYaml {
  /** The file, when it parsed. */
  yaml?: YamlFile;
  /** The syntax errors. */
  problems: Problem[];
}

/** Parses `text` (the contents of `file`); syntax errors come back as problems. */
export function parseYamlFile(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      file,
      line: error.linePos?.[0].line,
      message: `YAML syntax error: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:$/, '')}`,
    }));
    return { problems };
  }
  const lineOf = (path: YamlPath): number | undefined => {
    const node = doc.getIn(path, true);
    return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  return { yaml: { value: doc.toJS(), lineOf }, problems: [] };
}

/** Whether `value` is a plain mapping. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keys of `record` that are not in `allowed`. */
export function unknownKeys(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(record).filter((key) => !allowed.includes(key));
}

/** Whether `value` is a list of strings. */
export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Whether `value` is a string with something other than whitespace in it. */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
