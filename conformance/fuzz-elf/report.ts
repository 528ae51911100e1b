/**
 * The report of a fuzz run: the counts (per loader and verdict, per classification clause, the
 * FAILs per clause broken and per kind), then one line per FAIL and ERROR with its mutation and
 * the command that runs that image alone again; as console lines, Markdown and JSON.
 *
 * @module
 */
import { countResults, type FuzzCounts, reproCommand } from './results.js';
import type { ElfFuzzOutcome } from './run.js';

/** What `dlspec fuzz-elf` writes to reports/fuzz-elf.json. */
export interface FuzzReport {
  /** The seed. */
  readonly seed: string;
  /** The profile the cases were judged in. */
  readonly profile: string;
  /** The loaders. */
  readonly loaders: readonly string[];
  /** How many images. */
  readonly images: number;
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** Whether the run was stopped before its end. */
  readonly interrupted: boolean;
  /** Harness problems. */
  readonly problems: readonly string[];
  /** The counts. */
  readonly counts: FuzzCounts;
  /** Every image that was not PASS or UNSPECIFIED everywhere, with all its verdicts. */
  readonly notable: ElfFuzzOutcome['images'];
}

/** The report of `outcome`. */
export function fuzzReport(outcome: ElfFuzzOutcome): FuzzReport {
  return {
    seed: outcome.seed, profile: outcome.profile, loaders: outcome.loaders, images: outcome.images.length,
    seconds: Math.round(outcome.ms / 100) / 10, interrupted: outcome.interrupted, problems: outcome.problems,
    counts: countResults(outcome.images),
    notable: outcome.images.filter((i) => i.results.some((r) => r.verdict !== 'PASS' && r.verdict !== 'UNSPECIFIED' && r.verdict !== 'UNSUPPORTED')),
  };
}

const list = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');

/** The summary lines: counts by verdict, by clause, and the FAILs' clauses and kinds. */
export function summaryLines(report: FuzzReport): string[] {
  const c = report.counts;
  const lines = [`${report.images} images of seed ${report.seed}, profile ${report.profile}, in ${report.seconds} s${report.interrupted ? ' (interrupted)' : ''}`];
  for (const loader of report.loaders) lines.push(`  ${loader.padEnd(22)} ${list(c.byVerdict[loader] ?? {}) || '(no verdict)'}`);
  lines.push(`by clause (the model's classification): ${list(c.byClause)}`);
  for (const loader of Object.keys(c.failsByClause)) {
    lines.push(`FAILs on ${loader} by clause broken: ${list(c.failsByClause[loader] ?? {})}`);
    lines.push(`FAILs on ${loader} by kind: ${list(c.failsByKind[loader] ?? {})}`);
  }
  return lines;
}

/** One line per FAIL and ERROR: image, loader, what happened, the mutation, and the command that runs it again. */
export function failureLines(report: FuzzReport, extra = ''): string[] {
  const lines: string[] = [];
  for (const image of report.notable) {
    for (const r of image.results) {
      if (r.verdict !== 'FAIL' && r.verdict !== 'ERROR' && r.verdict !== 'XPASS') continue;
      const what = r.divergence === undefined ? (r.reason ?? '') : `${r.divergence.kind} ${r.divergence.observed.split('\n')[0]?.slice(0, 80)} broke ${r.divergence.violated.join(', ') || '-'}`;
      lines.push(`${r.verdict} #${image.index} ${r.loader}: ${what} · [${image.classification.clause ?? 'well-formed'}] ${image.mutation} → ${reproCommand(report.seed, image.index, r.loader, report.profile)}${extra}`);
    }
  }
  return lines;
}

/** The report as Markdown. */
export function formatFuzzMarkdown(report: FuzzReport, extra = ''): string {
  const c = report.counts;
  const out = [`# dlspec fuzz-elf: seed ${report.seed}`, '',
    `${report.images} mutated images, judged in ${report.profile}, in ${report.seconds} s${report.interrupted ? ' (interrupted)' : ''}.`, '',
    '## Verdicts', '', '| loader | verdicts |', '| --- | --- |',
    ...report.loaders.map((l) => `| ${l} | ${list(c.byVerdict[l] ?? {})} |`), '',
    '## Images by the model\'s classification', '', '| clause | images |', '| --- | --- |',
    ...Object.entries(c.byClause).sort((a, b) => b[1] - a[1]).map(([k, n]) => `| ${k} | ${n} |`), ''];
  for (const loader of Object.keys(c.failsByClause)) {
    out.push(`## FAILs on ${loader}`, '', `By clause broken: ${list(c.failsByClause[loader] ?? {})}.`, '', `By kind: ${list(c.failsByKind[loader] ?? {})}.`, '');
  }
  if (report.problems.length > 0) out.push('## Problems', '', ...report.problems.map((p) => `- ${p}`), '');
  const failures = failureLines(report, extra);
  out.push('## Every FAIL and ERROR', '', failures.length === 0 ? 'None.' : '', ...failures.map((l) => `- \`${l.replace(/`/g, "'")}\``), '');
  return out.join('\n');
}
