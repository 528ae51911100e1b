/**
 * Trace validation as text: a summary line, and each disagreement with the states on either
 * side (every variable of the state before; the variables the state after changes) and the
 * clauses the model and the module cite.
 *
 * @module
 */
import { formatValue, keyOf } from '../../spec/tlacheck/values.js';
import type { CaseValidation } from './run.js';
import type { Disagreement } from './validate.js';

/** How many cases, profiles and transitions were checked, and how many disagreed. */
export function traceSummary(results: readonly CaseValidation[]): string {
  const cases = new Set(results.map((r) => r.caseId)).size;
  const transitions = results.reduce((n, r) => n + r.transitions, 0);
  const disagreements = results.reduce((n, r) => n + r.disagreements.length, 0);
  return `${cases} cases in ${results.length} case × profile runs, ${transitions} model transitions: ${disagreements} disagreements with the TLA+ modules`;
}

/** One disagreement as lines: what, the states, the clauses on either side. */
export function formatDisagreement(r: Pick<CaseValidation, 'caseId' | 'profile' | 'module'>, d: Disagreement): string[] {
  const lines = [`${r.caseId} [${r.profile}] step ${d.step}, ${r.module} ${d.action}: ${d.reason}`, '  state before:'];
  for (const [name, v] of d.before) lines.push(`    ${name} = ${formatValue(v)}`);
  lines.push('  state after (what changed):');
  for (const [name, v] of d.after) if (keyOf(v) !== keyOf(d.before.get(name) ?? '')) lines.push(`    ${name} = ${formatValue(v)}`);
  lines.push(`  the model's outcome cites: ${d.modelClauses.join(', ')}`);
  if (d.tla !== undefined) {
    lines.push(`  the closest TLA+ step (${d.tla.action}) differs in ${d.tla.differs.join(', ')}; it cites: ${d.tla.clauses.join(', ')}`);
  }
  return lines;
}
