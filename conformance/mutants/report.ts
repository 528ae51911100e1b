/**
 * The kill matrix as reports/mutants.{json,md,html}: every mutant on every loader it was made of,
 * its fate and the result that decided it, and the mutation score per chapter and overall.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { escapeHtml } from '../report/html.js';
import type { Mutant } from './catalogue.js';
import type { ClauseReach } from './coverage.js';
import { score, type MatrixRow } from './matrix.js';

/** The mutation report. */
export interface MutantReport {
  /** When it was made. */
  readonly generated: string;
  /** The base loaders the mutants were made of. */
  readonly loaders: readonly string[];
  /** The mutants asked for. */
  readonly mutants: readonly Mutant[];
  /** The matrix. */
  readonly rows: readonly MatrixRow[];
  /** The mutants no loader of the run could be made into, with why. */
  readonly notMade: readonly { readonly mutant: string; readonly why: string }[];
  /** Killed over told-apart rows, overall and by chapter of the mutated clause. */
  readonly scores: { readonly overall: ReturnType<typeof score>; readonly byChapter: Readonly<Record<string, ReturnType<typeof score>>> };
  /** How far the mutants reach over the clauses the base loaders passed (coverage.ts). */
  readonly reach: ClauseReach;
}

/** Builds the report; `chapterOf` names each clause's chapter. */
export function mutantReport(
  mutants: readonly Mutant[], loaders: readonly string[], rows: readonly MatrixRow[], chapterOf: (c: ClauseId) => string, notMade: MutantReport['notMade'],
  reach: ClauseReach,
): MutantReport {
  const chapters = [...new Set(rows.map((r) => chapterOf(r.clause)))];
  const byChapter = Object.fromEntries(chapters.map((c) => [c, score(rows.filter((r) => chapterOf(r.clause) === c))]));
  return { generated: new Date().toISOString(), loaders, mutants, rows, notMade, scores: { overall: score(rows), byChapter }, reach };
}

const pct = (s: ReturnType<typeof score>): string => `${s.killed}/${s.judged}${s.judged === 0 ? '' : ` (${Math.round(100 * s.ratio)}%)`}`;

function evidenceText(r: MatrixRow): string {
  const e = r.evidence;
  if (r.fate === 'allowed') return e === undefined ? 'allowed: see the catalogue' : `allowed (its other paths fail: ${e.case} ${e.where}: ${e.violated.join(', ')})`;
  if (e === undefined) {
    return r.fate === 'masked' ? r.masked ?? '' : r.fate === 'not-run' ? 'every result was an ERROR' : '';
  }
  return `${e.case} [${e.profile ?? '-'}] ${e.where}: ${e.violated.join(', ')}`;
}

/** One sentence on the reach of the mutants over the target clauses. */
export function reachText(r: ClauseReach): string {
  return `Clauses: ${r.killed.length} of ${r.targets.length} targets (normative, observable, binding the loader, judged PASS on an unmutated loader of this run) have a mutant killed for them` +
    `${r.notKilled.length + r.noMutant.length === 0 ? '.' : `; ${r.notKilled.length} have mutants not killed, ${r.noMutant.length} have none.`}`;
}

/** The Markdown report. */
export function formatMutantsMarkdown(report: MutantReport): string {
  const lines = [
    '# dlspec mutants: the kill matrix', '',
    `Generated ${report.generated}. Base loaders: ${report.loaders.join(', ') || 'none'}.`,
    '**killed**: a FAIL naming the mutated clause where the unmutated loader had none; **killed elsewhere**: new FAILs naming other clauses (an attribution fault); **survived**: no new FAIL (a gap in dlspec); **masked**: the unmutated loader already breaks the clause, or never passes it.', '',
    `Mutation score: ${pct(report.scores.overall)}.`, '', reachText(report.reach), '',
    '| chapter | score |', '| --- | ---: |',
    ...Object.entries(report.scores.byChapter).map(([c, s]) => `| ${c} | ${pct(s)} |`), '',
    '| mutant | clause | loader | fate | kills | decided by |', '| --- | --- | --- | --- | ---: | --- |',
    ...report.rows.map((r) => `| \`${r.mutant}\` | \`${r.clause}\` | ${r.loader} | ${r.fate} | ${r.kills} | ${evidenceText(r).replace(/\|/g, '\\|')} |`),
  ];
  const open = [...report.reach.notKilled.map((c) => `- \`${c}\`: its mutants were not killed`), ...report.reach.noMutant.map((c) => `- \`${c}\`: no mutant in this run`)];
  if (open.length > 0) lines.push('', '## Target clauses not yet killed', '', ...open);
  if (report.notMade.length > 0) lines.push('', '## Not made', '', ...report.notMade.map((n) => `- \`${n.mutant}\`: ${n.why}`));
  lines.push('', '## The mutants', '', ...report.mutants.map((m) => `- \`${m.id}\` (${m.base}, \`${m.clause}\`): ${m.does}${m.allowed === undefined ? '' : ` — allowed: ${m.allowed}`}`));
  return `${lines.join('\n')}\n`;
}

const FATE_COLOUR: Readonly<Record<string, string>> = {
  killed: '#d7f5dd', 'killed-elsewhere': '#fff1c2', survived: '#ffd6d6', masked: '#e8e8e8', 'not-run': '#e8e8e8', allowed: '#e8e8e8',
};

/** The HTML report: one self-contained page. */
export function formatMutantsHtml(report: MutantReport): string {
  const row = (r: MatrixRow): string => `<tr style="background:${FATE_COLOUR[r.fate] ?? '#fff'}"><td><code>${escapeHtml(r.mutant)}</code></td>` +
    `<td><code>${escapeHtml(r.clause)}</code></td><td>${escapeHtml(r.loader)}</td><td>${r.fate}</td><td>${r.kills}</td><td>${escapeHtml(evidenceText(r))}</td></tr>`;
  const chapters = Object.entries(report.scores.byChapter).map(([c, s]) => `<tr><td>${escapeHtml(c)}</td><td>${pct(s)}</td></tr>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>dlspec mutants</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5em;max-width:1280px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}td:nth-child(6){word-break:break-word}</style></head>
<body><h1>dlspec mutants: the kill matrix</h1>
<p>Generated ${escapeHtml(report.generated)}. Base loaders: ${escapeHtml(report.loaders.join(', '))}. Mutation score: <b>${pct(report.scores.overall)}</b>. ${escapeHtml(reachText(report.reach))}</p>
<table><tr><th>chapter</th><th>score</th></tr>${chapters}</table>
<table><tr><th>mutant</th><th>clause</th><th>loader</th><th>fate</th><th>kills</th><th>decided by</th></tr>${report.rows.map(row).join('')}</table>
</body></html>
`;
}
