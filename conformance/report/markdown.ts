/**
 * results.md: a short Markdown view of a run: the loaders, the verdict counts, the clause ×
 * loader matrix of per-clause verdicts, then every FAIL with its first divergence.
 *
 * @module
 */
import type { RunReport } from './types.js';
import { SEVERITY } from './summary.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** The Markdown summary of `report`. */
export function formatResultsMarkdown(report: RunReport): string {
  const loaders = report.loaders.map((l) => l.id);
  const out = [`# Conformance results`, '', `dlspec ${report.dlspec}, driver protocol ${report.driverProtocolVersion}, ` +
    `kernel ${report.kernel}, ${report.started} to ${report.finished}${report.interrupted ? ' (interrupted)' : ''}.`, ''];
  out.push(...table(['loader', 'C library', ...SEVERITY], report.loaders.map((l) => [
    l.id, l.hello?.libc ?? l.identity?.version ?? '', ...SEVERITY.map((k) => String(report.summary.byLoader[l.id]?.[k] ?? 0)),
  ])), '');
  if (report.problems.length > 0) out.push('## Harness problems', '', ...report.problems.map((p) => `- ${p}`), '');
  const clauses = Object.entries(report.summary.byClause);
  out.push('## Clauses', '');
  if (clauses.length === 0) out.push('No case ran.', '');
  else out.push(...table(['clause', ...loaders], clauses.map(([clause, row]) => [`\`${clause}\``, ...loaders.map((l) => row[l] ?? '')])), '');
  const fails = report.results.filter((r) => r.verdict === 'FAIL');
  out.push('## Failures', '');
  if (fails.length === 0) out.push('None.', '');
  for (const r of fails) {
    const d = r.divergence;
    out.push(`### ${r.case} [${r.loader}, ${r.profile ?? '-'}]`, '');
    if (d === undefined) { out.push('(no divergence recorded)', ''); continue; }
    out.push(`Step ${d.step}: \`${d.call}\` (${d.kind})`, '', `- observed: ${d.observed}`, `- allowed: ${d.allowed.join(' / ')}`,
      `- why: ${d.detail}`, `- clauses: ${d.clauses.map((c) => `\`${c}\``).join(', ')}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
