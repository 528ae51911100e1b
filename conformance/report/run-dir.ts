/**
 * Run directories: every `dlspec run` writes into its own directory, `reports/runs/<time>-<pid>-<unique>/`
 * (or `--out DIR`): `run.json` (what was asked, and whether the run is running, partial or
 * complete), `partial.ndjson` (one line per result as it arrives) and, once complete, the report
 * files. Only a complete run becomes `reports/latest` (a symbolic link switched by one rename, so
 * a reader sees the old run or the new one, never a mix); `reports/latest.json` and its siblings
 * are links into it. An interrupted run stays in its directory, marked partial, for `--resume`.
 * Two runs at once never write the same file.
 *
 * @module
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { ResultEntry } from './types.js';

/** The files of a run directory. */
export const RUN_FILES = {
  meta: 'run.json', partial: 'partial.ndjson', json: 'results.json', markdown: 'results.md', html: 'results.html', junit: 'results.junit.xml',
} as const;

/** The links in the reports directory that name the latest complete run's files. */
export const LATEST_LINKS = {
  'latest.json': RUN_FILES.json, 'latest.md': RUN_FILES.markdown, 'latest.html': RUN_FILES.html, 'latest.junit.xml': RUN_FILES.junit,
} as const;

/** What run.json records. */
export interface RunMeta {
  /** running (or killed while running), partial (interrupted), complete. */
  readonly status: 'running' | 'partial' | 'complete';
  /** When it started (ISO 8601). */
  readonly started: string;
  /** The `dlspec run` options, as given, so that `--resume` can run the rest the same way. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** A new run directory under `reportsDir/runs` (or `out` when given): created, with run.json saying it is running. */
export function createRunDir(reportsDir: string, options: Readonly<Record<string, unknown>>, out?: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let dir: string;
  if (out !== undefined) {
    dir = resolve(out);
    mkdirSync(dir, { recursive: true });
  } else {
    // mkdtemp adds a unique suffix: two runs started in the same second never share a directory.
    mkdirSync(join(reportsDir, 'runs'), { recursive: true });
    dir = mkdtempSync(join(reportsDir, 'runs', `${stamp}-${process.pid}-`));
  }
  writeRunMeta(dir, { status: 'running', started: now.toISOString(), options });
  return dir;
}

/** Writes run.json (through a temporary file and a rename). */
export function writeRunMeta(dir: string, meta: RunMeta): void {
  const tmp = join(dir, `${RUN_FILES.meta}.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(meta, null, 1)}\n`);
  renameSync(tmp, join(dir, RUN_FILES.meta));
}

/** run.json of `dir`, or why it cannot be read. */
export function readRunMeta(dir: string): RunMeta | { readonly error: string } {
  try {
    const meta = JSON.parse(readFileSync(join(dir, RUN_FILES.meta), 'utf8')) as RunMeta;
    return typeof meta.status === 'string' && typeof meta.options === 'object' ? meta : { error: `${dir}/${RUN_FILES.meta} is not a run's record` };
  } catch (e) {
    return { error: `${dir} is not a run directory: ${(e as Error).message}` };
  }
}

/** The results a run directory's partial file holds (a line cut short by a kill is left out). */
export function readPartial(dir: string): ResultEntry[] {
  let text: string;
  try { text = readFileSync(join(dir, RUN_FILES.partial), 'utf8'); } catch { return []; }
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try { return [JSON.parse(line) as ResultEntry]; } catch { return []; }
  });
}

/** The newest run directory under `reportsDir/runs` that did not complete, if any. */
export function latestUnfinished(reportsDir: string): string | undefined {
  const runs = join(reportsDir, 'runs');
  let names: string[];
  try { names = readdirSync(runs).sort().reverse(); } catch { return undefined; }
  return names.map((n) => join(runs, n)).find((d) => { const m = readRunMeta(d); return !('error' in m) && m.status !== 'complete'; });
}

/** Replaces `link` by a symbolic link to `target` in one rename. */
function switchLink(link: string, target: string): void {
  const tmp = `${link}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  symlinkSync(target, tmp);
  renameSync(tmp, link);
}

/**
 * Makes the complete run in `dir` the latest: `reportsDir/latest` links to it (switched by one
 * rename) and `reportsDir/latest.json`, `.md`, `.html`, `.junit.xml` link into `latest/`.
 */
export function publishLatest(reportsDir: string, dir: string): void {
  mkdirSync(reportsDir, { recursive: true });
  switchLink(join(reportsDir, 'latest'), relative(reportsDir, dir) || '.');
  for (const [name, file] of Object.entries(LATEST_LINKS)) {
    const link = join(reportsDir, name);
    const want = join('latest', file);
    let current: string | undefined;
    try { current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : undefined; } catch { current = undefined; }
    if (current !== want) switchLink(link, want);
  }
}

/** The run directory `reportsDir/latest` names, if any. */
export function latestRun(reportsDir: string): string | undefined {
  const link = join(reportsDir, 'latest');
  return existsSync(link) ? resolve(reportsDir, readlinkSync(link)) : undefined;
}

/** A short name for a run directory in messages (relative to `root` when inside it). */
export function runName(root: string, dir: string): string {
  const rel = relative(root, dir);
  return rel.startsWith('..') ? dir : rel || basename(dir);
}
