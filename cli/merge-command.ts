/**
 * `dlspec merge`: one report from the results of several runs of the same suite, such as the
 * shards of a run split with `--shard i/n` over CI machines. Results are keyed by case, profile
 * and loader (a later file's result replaces an earlier one's); the summary, the clause matrix and
 * the clusters are computed anew. The merged run gets its own run directory and becomes
 * reports/latest.
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, dlspecVersion, type LoaderEntry, type ResultEntry, type RunReport, writeResults } from '../conformance/report/index.js';
import { loadHtmlSpec } from '../conformance/report/html-data.js';
import { RUN_FILES, createRunDir, publishLatest, runName, writeRunMeta } from '../conformance/report/run-dir.js';

/** A results file: `path` itself, or the results.json of the run directory `path`. */
function readReport(path: string): RunReport | { readonly error: string } {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, RUN_FILES.json) : path;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
    return Array.isArray(report.results) && Array.isArray(report.loaders) ? report : { error: `${file} is not a results file` };
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as Error).message}` };
  }
}

/** The merged report of `reports` (at least one). */
export function mergeReports(reports: readonly RunReport[], version: string): RunReport {
  const first = reports[0] as RunReport;
  const results = new Map<string, ResultEntry>();
  for (const r of reports) for (const e of r.results) results.set(`${e.case}\u0000${e.profile ?? ''}\u0000${e.loader}`, e);
  const loaders = new Map<string, LoaderEntry>();
  for (const r of reports) for (const l of r.loaders) loaders.set(l.id, l);
  const started = reports.map((r) => r.started).sort()[0] ?? first.started;
  const finished = reports.map((r) => r.finished).sort().at(-1) ?? first.finished;
  const o = first.options;
  const options = { root: '', timeoutMs: o.timeoutMs, loaders: o.loaders, libcDirs: o.libcDirs, ...(o.caseGlob === null ? {} : { caseGlob: o.caseGlob }) };
  return buildReport({
    started: new Date(started), finished: new Date(finished), interrupted: reports.some((r) => r.interrupted),
    loaders: [...loaders.values()], results: [...results.values()], problems: [...new Set(reports.flatMap((r) => r.problems))],
  }, options, o.jobs, version);
}

/** Runs `dlspec merge`; returns the exit code (2 when a file cannot be read). */
export function runMergeCommand(root: string, paths: readonly string[], out: string | undefined, print: (line: string) => void): number {
  const reports: RunReport[] = [];
  for (const p of paths) {
    const r = readReport(p);
    if ('error' in r) { print(`error: ${r.error}`); return 2; }
    reports.push(r);
  }
  if (reports.length === 0) { print('error: name at least one results file or run directory'); return 2; }
  const merged = mergeReports(reports, dlspecVersion(root));
  const reportsDir = join(root, 'reports');
  const dir = createRunDir(reportsDir, { merge: paths }, out);
  const written = writeResults(dir, merged, loadHtmlSpec(root).spec);
  if (written !== undefined) { print(`error: ${written}`); return 2; }
  writeRunMeta(dir, { status: 'complete', started: merged.started, options: { merge: paths } });
  publishLatest(reportsDir, dir);
  print(`merged ${reports.length} runs into ${runName(root, dir)} (${merged.results.length} results); reports/latest now shows it`);
  return 0;
}
