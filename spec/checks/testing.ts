/**
 * Test support: paths of the fixture repositories under spec/checks/fixtures and loaders
 * for them. Used by the *.test.ts files only.
 *
 * - `good`: a small repository on which every check passes.
 * - `broken`: a valid registry with a stale SPEC.md, an unknown citation and bad TLA+.
 * - `bad-registry`: chapter and profile files with one of each registry problem.
 *
 * @module
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContext, type CheckContext } from './context.js';

/** The fixtures directory. */
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A 50-line stand-in for the seed thread. */
export const THREAD_FIXTURE = join(FIXTURES_DIR, 'thread.txt');

/** The names of the fixture repositories. */
export type FixtureName = 'good' | 'broken' | 'bad-registry';

/** The root of a fixture repository. */
export function fixtureRoot(name: FixtureName): string {
  return join(FIXTURES_DIR, name);
}

/** Loads a fixture repository for the checks, with the 50-line thread fixture. */
export function loadFixture(name: FixtureName): Promise<CheckContext> {
  return loadContext(fixtureRoot(name), { threadPath: THREAD_FIXTURE });
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
