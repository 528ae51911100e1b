/**
 * results.md: a short Markdown view of a run: the loaders, the verdict counts, the failure
 * clusters (clusters.ts: one line per loader bug, with its repro command), the clause ×
 * loader matrix of per-clause verdicts, what the per-loader expectations did (unexpected passes,
 * problems, expected failures), then every FAIL with its first divergence, and every ERROR (a
 * malformed case file, a harness or setup fault) with its reason.
 *
 * @module
 */
import type { RunReport } from './types.js';
import { signatureText } from './clusters.js';
import { SEVERITY } from './summary.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** The failure clusters, largest first: loader, size, signature, clauses broken and not reached, the repro command. */
function clustersSection(report: RunReport): string[] {
  const clusters = report.clusters ?? [];
  if (clusters.length === 0) return [];
  const failed = clusters.reduce((n, c) => n + c.size, 0);
  const code = (ids: readonly string[]): string => (ids.length === 0 ? '-' : ids.map((c) => `\`${c}\``).join(', '));
  return ['## Failure clusters', '', `${failed} FAIL and XFAIL results in ${clusters.length} cluster${clusters.length === 1 ? '' : 's'}: ` +
    'the failures of one loader with the same call, divergence kind, signal or errno, and broken clauses. ' +
    '"Not reached" lists the clauses these failures left unjudged and no other result of the loader judged.', '',
  ...table(['#', 'loader', 'results', 'signature', 'broke', 'not reached', 'repro'], clusters.map((c, i) => [
    String(i + 1), c.loader, String(c.size), `\`${signatureText(c.signature)}\``, code(c.signature.violated), code(c.notReached), `\`${c.repro}\``,
  ])), ''];
}

/** The expectations part: XPASS (errors), problems, then the expected failures. */
function expectationsSection(report: RunReport): string[] {
  const e = report.expectations;
  if (e === undefined || e.files.length === 0) return [];
  const out = ['## Expectations', '', `${e.files.map((f) => `\`${f}\``).join(', ')}: ${e.entries} entries; ${e.xfail} XFAIL, ` +
    `${e.xpass} XPASS, ${e.changed} changed failure(s), ${e.problems.length} problem(s).`, ''];
  const xpass = report.results.filter((r) => r.verdict === 'XPASS');
  if (xpass.length > 0) {
    out.push('Unexpected passes (XPASS, an error: remove the entry):', '',
      ...table(['case', 'loader', 'profile', 'note'], xpass.map((r) => [r.case, r.loader, r.profile ?? '-', r.note ?? ''])), '');
  }
  if (e.problems.length > 0) out.push('Problems:', '', ...e.problems.map((p) => `- ${p}`), '');
  const xfail = report.results.filter((r) => r.verdict === 'XFAIL');
  if (xfail.length > 0) {
    out.push('Expected failures (XFAIL):', '', ...table(['case', 'loader', 'profile', 'divergence', 'why'],
      xfail.map((r) => [r.case, r.loader, r.profile ?? '-', `${r.expected?.kind ?? ''} at step ${r.expected?.step ?? ''}`, r.expected?.why ?? ''])), '');
  }
  return out;
}

/** The Markdown summary of `report`. */
export function formatResultsMarkdown(report: RunReport): string {
  const loaders = report.loaders.map((l) => l.id);
  const out = [`# Conformance results`, '', `dlspec ${report.dlspec}, driver protocol ${report.driverProtocolVersion}, ` +
    `kernel ${report.kernel}, ${report.started} to ${report.finished}${report.interrupted ? ' (interrupted)' : ''}.`, ''];
  out.push(...table(['loader', 'C library', ...SEVERITY], report.loaders.map((l) => [
    l.id, l.hello?.libc ?? l.identity?.version ?? '', ...SEVERITY.map((k) => String(report.summary.byLoader[l.id]?.[k] ?? 0)),
  ])), '');
  const errors = report.results.filter((r) => r.verdict === 'ERROR').length;
  if (errors > 0) out.push(`**${errors} ERROR result${errors === 1 ? '' : 's'}**: the harness could not judge ${errors === 1 ? 'it' : 'them'}; the reasons are under [Errors](#errors).`, '');
  out.push(...clustersSection(report));
  if (report.problems.length > 0) out.push('## Harness problems', '', ...report.problems.map((p) => `- ${p}`), '');
  const clauses = Object.entries(report.summary.byClause);
  out.push('## Clauses', '');
  if (clauses.length === 0) out.push(noClauseLine(report), '');
  else out.push(...table(['clause', ...loaders], clauses.map(([clause, row]) => [`\`${clause}\``, ...loaders.map((l) => row[l] ?? '')])), '');
  out.push(...choicesSection(report));
  out.push(...expectationsSection(report));
  const fails = report.results.filter((r) => r.verdict === 'FAIL');
  out.push('## Failures', '');
  if (fails.length === 0) out.push('None.', '');
  for (const r of fails) {
    const d = r.divergence;
    out.push(`### ${r.case} [${r.loader}, ${r.profile ?? '-'}]`, '');
    if (r.note !== undefined) out.push(`**${r.note}** (${r.expected?.file ?? ''}: ${r.expected?.why ?? ''})`, '');
    if (d === undefined) { out.push('(no divergence recorded)', ''); continue; }
    out.push(`Step ${d.step}: \`${d.call}\` (${d.kind})`, '', `- observed: ${d.observed}`, `- allowed: ${d.allowed.join(' / ')}`,
      `- why: ${d.detail}`, `- broke: ${d.violated.map((c) => `\`${c}\``).join(', ')}`,
      ...(r.later ?? []).map((l) => `- then step ${l.step}: \`${l.call}\` (${l.kind}) broke ${l.violated.map((c) => `\`${c}\``).join(', ')}: ${l.detail}`), '');
  }
  out.push(...errorsSection(report));
  return `${out.join('\n').trimEnd()}\n`;
}

/** What the clause matrix says when it is empty: no result at all, or none that judged a clause (and why, when results are ERRORs). */
function noClauseLine(report: RunReport): string {
  const n = report.results.length;
  if (n === 0) return 'No case ran.';
  const errors = report.results.filter((r) => r.verdict === 'ERROR').length;
  return `No clause was judged: ${n} result${n === 1 ? '' : 's'}${errors === 0 ? '' : `, ${errors} of them ERROR (see Errors below)`}.`;
}

/** Every ERROR result (a malformed case file, a driver or setup fault) with its reason. */
function errorsSection(report: RunReport): string[] {
  const errors = report.results.filter((r) => r.verdict === 'ERROR');
  if (errors.length === 0) return ['## Errors', '', 'None.', ''];
  return ['## Errors', '', `${errors.length} ERROR result${errors.length === 1 ? '' : 's'}: the harness could not judge the case (a malformed case file, a driver or setup fault).`, '',
    ...table(['case', 'profile', 'loader', 'reason'], errors.map((r) => [`\`${r.case}\``, r.profile ?? '-', r.loader, r.reason ?? '(no reason recorded)'])), ''];
}

/**
 * The implementation-defined choices each loader made where the spec records them (for example
 * dlmem.place.zero-copy: zero-copy or copy), counted over its results.
 */
function choicesSection(report: RunReport): string[] {
  const counts = new Map<string, number>();
  for (const r of report.results) for (const c of r.choices ?? []) {
    const key = `${c.clause}\u0000${r.loader}\u0000${c.choice}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => {
    const [clause, loader, choice] = key.split('\u0000');
    return [`\`${clause ?? ''}\``, loader ?? '', choice ?? '', String(n)];
  });
  return ['## Recorded choices', '', 'Where a clause leaves a choice to the loader and the spec records it, what each loader chose (and in how many checks).', '',
    ...table(['clause', 'loader', 'choice', 'checks'], rows), ''];
}
