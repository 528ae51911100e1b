// Whether dist/, the compiled JavaScript (`npm run build`), is at least as new as everything it is
// compiled from: every .ts file under the source directories, package.json and the tsconfig files.
// The stamp dist/.built carries the time the last successful build started.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The stamp a successful build leaves. */
export const STAMP = join(ROOT, 'dist', '.built');

const SOURCE_DIRS = ['spec', 'model', 'conformance', 'cli'];
const CONFIG_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** The modification time of the newest input of the build, in milliseconds. */
export function newestInput() {
  const files = CONFIG_FILES.map((f) => statSync(join(ROOT, f)).mtimeMs);
  return Math.max(...files, ...SOURCE_DIRS.map((d) => newest(join(ROOT, d))));
}

/** Whether dist/ holds a build at least as new as every input. */
export function distFresh() {
  try {
    return statSync(STAMP).mtimeMs >= newestInput();
  } catch {
    return false;
  }
}
