/**
 * Everything the checks look at, loaded once: the registry, the generated files as they
 * are on disk, the project's text files and their citations, and the parsed TLA+ modules.
 *
 * @module
 */
import { isAbsolute, join } from 'node:path';
import { loadRegistry } from '../registry/load.js';
import { DEFAULT_THREAD_PATH } from '../registry/paths.js';
import { readThreadFile, type ThreadFile } from '../registry/thread.js';
import type { Problem, Registry } from '../registry/types.js';
import { readGeneratedFiles, readPreamble } from '../tools/gen.js';
import { citationsIn, type Citation } from './lib/citations.js';
import { readProjectTextFiles, type TextFile } from './lib/project-files.js';
import { tlaDefinitions, type TlaDefinition } from './lib/tla-definitions.js';
import { parseTlaModules, type TlaModule } from './lib/tla.js';

/**
 * Judged coverage, computed downstream (conformance/coverage/judgement.ts) by running the cases
 * through the model and handed to the checks: clause sets, never text.
 */
export interface Judgement {
  /** Clauses some model outcome (or a requirement derived from one) cites, or the model satisfies by construction. */
  readonly model: ReadonlySet<string>;
  /** Clauses some requirement the oracle derives from a case's outcomes cites. */
  readonly judged: ReadonlySet<string>;
  /** Clauses some case's front matter lists. */
  readonly cited: ReadonlySet<string>;
  /** What could not be explored, each naming the case. */
  readonly problems: readonly string[];
  /** For each judged clause, the dlmem source kinds of the cases that judge it (ISOLATION). */
  readonly sources?: ReadonlyMap<string, ReadonlySet<string>>;
  /** The judged clauses some case judges after no step whose outcome another clause leaves open (ISOLATION). */
  readonly alone?: ReadonlySet<string>;
}

/** The loaded project, shared by every check. */
export interface CheckContext {
  /** Absolute path of the repository root. */
  root: string;
  /** The registry as far as it could be read. */
  registry: Registry;
  /** Problems found while loading and validating the registry. */
  registryProblems: Problem[];
  /** The seed thread, or `undefined` when the file is absent (citations are then not checked). */
  thread: ThreadFile | undefined;
  /** Things worth printing that are not problems. */
  notices: string[];
  /** The contents of `spec/preamble.md`, when it exists. */
  preamble: string | undefined;
  /** Each generated file's contents on disk (`undefined` when it does not exist). */
  generated: ReadonlyMap<string, string | undefined>;
  /** The project's text files that may cite clauses. */
  files: TextFile[];
  /** Every clause-ID citation in {@link CheckContext.files}. */
  citations: Citation[];
  /** The parsed TLA+ modules. */
  tla: TlaModule[];
  /** The actions and invariants of every TLA+ module. */
  tlaDefinitions: TlaDefinition[];
  /** Judged coverage, when the caller computed it (absent: the model, cases and judged columns are empty). */
  judgement: Judgement | undefined;
}

/** Options of {@link loadContext}. */
export interface ContextOptions {
  /** The seed thread file; default `../shared/seeds/dlmem-libc-alpha-thread.txt` from the root. */
  threadPath?: string;
  /** Judged coverage (conformance/coverage/judgement.ts computes it for `dlspec spec check`). */
  judgement?: Judgement;
}

/** Loads the repository at `root` for the checks. */
export async function loadContext(root: string, options: ContextOptions = {}): Promise<CheckContext> {
  const { registry, problems } = loadRegistry(root);
  const threadPath = options.threadPath ?? DEFAULT_THREAD_PATH;
  const thread = readThreadFile(isAbsolute(threadPath) ? threadPath : join(root, threadPath), threadPath);
  const notices =
    thread === undefined ? [`thread file ${threadPath} not found: thread citations were not checked`] : [];
  const files = readProjectTextFiles(root);
  const tla = await parseTlaModules(root);
  return {
    root,
    registry,
    registryProblems: problems,
    thread,
    notices,
    preamble: readPreamble(root),
    generated: readGeneratedFiles(root),
    files,
    citations: files.flatMap(({ file, text }) => citationsIn(file, text)),
    tla,
    tlaDefinitions: tla.flatMap(tlaDefinitions),
    judgement: options.judgement,
  };
}

