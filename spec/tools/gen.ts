/**
 * `npm run spec:gen`: writes SPEC.md and spec/clause-ids.gen.ts from the registry, and the thread index from the seed thread.
 *
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { loadRegistry } from '../registry/load.js';
import { DEFAULT_THREAD_PATH, PREAMBLE_FILE } from '../registry/paths.js';
import { readThreadFile } from '../registry/thread.js';
import { THREAD_INDEX_FILE, indexThread, renderThreadIndex } from '../registry/thread-index.js';
import type { Problem, Registry } from '../registry/types.js';
import { renderClauseIds } from './render-ids.js';
import { renderSpec } from './render-spec.js';

/** The generated SPEC.md, relative to the repository root. */
export const SPEC_FILE = 'SPEC.md';

/** The generated clause-ID module, relative to the repository root. */
export const CLAUSE_IDS_FILE = 'spec/clause-ids.gen.ts';

/** Every file the generator writes. */
export const GENERATED_FILES: readonly string[] = [SPEC_FILE, CLAUSE_IDS_FILE];

/** A file to write: path relative to the root, and contents. */
export interface GeneratedFile {
  /** Path relative to the repository root. */
  file: string;
  /** The exact contents. */
  content: string;
}

/** What the generator writes for `registry` and `preamble`, in {@link GENERATED_FILES} order. */
export function generatedFiles(registry: Registry, preamble: string | undefined): GeneratedFile[] {
  return [
    { file: SPEC_FILE, content: renderSpec(registry, preamble) },
    { file: CLAUSE_IDS_FILE, content: renderClauseIds(registry) },
  ];
}

/** Reads `spec/preamble.md` under `root`, or `undefined` when it does not exist. */
export function readPreamble(root: string): string | undefined {
  return readIfExists(join(root, PREAMBLE_FILE));
}

/** The contents on disk of each of the {@link GENERATED_FILES} under `root` (`undefined` when absent). */
export function readGeneratedFiles(root: string): Map<string, string | undefined> {
  return new Map(GENERATED_FILES.map((file) => [file, readIfExists(join(root, file))]));
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** What {@link writeGenerated} did. */
export interface GenerateResult {
  /** The files written, relative to the root. */
  written: string[];
  /** The registry's problems (they do not stop generation). */
  problems: Problem[];
}

/**
 * Loads the registry under `root` and writes the generated files there; when the seed thread
 * exists at `threadPath`, the thread index is rebuilt from it first. Registry problems do not stop
 * it (the spec check reports them); they come back with the written paths.
 */
export function writeGenerated(root: string, threadPath: string = DEFAULT_THREAD_PATH): GenerateResult {
  const thread = readThreadFile(isAbsolute(threadPath) ? threadPath : join(root, threadPath));
  const indexWritten = thread === undefined ? [] : [THREAD_INDEX_FILE];
  if (thread !== undefined) writeFileSync(join(root, THREAD_INDEX_FILE), renderThreadIndex(indexThread(thread.text)));
  const { registry, problems } = loadRegistry(root);
  const files = generatedFiles(registry, readPreamble(root));
  for (const { file, content } of files) writeFileSync(join(root, file), content);
  return { written: [...files.map(({ file }) => file), ...indexWritten], problems };
}
