/**
 * Test support: paths of the fixture repositories under spec/checks/fixtures and loaders
 * for them. Used by the *.test.ts files only.
 *
 * - `good`: a small repository on which every check passes.
 * - `broken`: a valid registry with a stale SPEC.md, an unknown citation and bad TLA+.
 * - `bad-registry`: chapter and profile files with one of each registry problem.
 * - `cases`: case files only: `ok/plain` fits the call schema, `bad/misspelled` breaks it.
 *
 * `good` and `broken` carry a `judgement.json`: the judged coverage they stand for.
 *
 * @module
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContext, type CheckContext, type Judgement } from './context.js';

/** The fixtures directory. */
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A 50-line stand-in for the seed thread. */
export const THREAD_FIXTURE = join(FIXTURES_DIR, 'thread.txt');

/** The names of the fixture repositories. */
export type FixtureName = 'good' | 'broken' | 'bad-registry' | 'cases';

/** The root of a fixture repository. */
export function fixtureRoot(name: FixtureName): string {
  return join(FIXTURES_DIR, name);
}

/**
 * The judged coverage a fixture stands for (what conformance/coverage/judgement.ts would compute
 * from a model and cases), read from its `judgement.json` when it has one.
 */
export function fixtureJudgement(name: FixtureName): Judgement | undefined {
  const file = join(fixtureRoot(name), 'judgement.json');
  if (!existsSync(file)) return undefined;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<'model' | 'cited' | 'judged', string[]>;
  return { model: new Set(raw.model), cited: new Set(raw.cited), judged: new Set(raw.judged), problems: [] };
}

/** Loads a fixture repository for the checks, with the 50-line thread fixture and its judged coverage. */
export function loadFixture(name: FixtureName): Promise<CheckContext> {
  const judgement = fixtureJudgement(name);
  return loadContext(fixtureRoot(name), { threadPath: THREAD_FIXTURE, ...(judgement === undefined ? {} : { judgement }) });
}

const copies: string[] = [];

/** Copies a fixture repository to a fresh temporary directory and returns its root. */
export function copyFixture(name: FixtureName): string {
  const root = mkdtempSync(join(tmpdir(), `dlspec-${name}-`));
  cpSync(fixtureRoot(name), root, { recursive: true });
  copies.push(root);
  return root;
}

/** Removes every copy {@link copyFixture} made; call it in `afterAll`. */
export function removeFixtureCopies(): void {
  for (const root of copies.splice(0)) rmSync(root, { recursive: true, force: true });
}
