/**
 * The text `dlspec tla check` prints: per configuration the states explored and the invariants
 * checked, a violation as its shortest trace (each state after the first showing only the
 * variables that changed), and the dead code of the module.
 *
 * @module
 */
import type { TraceStep } from './explore.js';
import type { ModuleRun } from './run.js';
import { formatValue, keyOf } from './values.js';

/** A trace as numbered steps; after the first, only the variables that changed. */
export function formatTrace(variables: readonly string[], trace: readonly TraceStep[], indent = '    '): string[] {
  const lines: string[] = [];
  trace.forEach((step, i) => {
    lines.push(`${indent}${i + 1}. ${step.action}`);
    const before = trace[i - 1];
    step.state.forEach((v, j) => {
      if (before !== undefined && keyOf(before.state[j] as typeof v) === keyOf(v)) return;
      lines.push(`${indent}   ${variables[j] ?? '?'} = ${formatValue(v)}`);
    });
  });
  return lines;
}

/** The report of one module's check. */
export function formatModuleRun(run: ModuleRun): string[] {
  const variables = run.variables;
  const lines = [`${run.module}`];
  if (run.error !== undefined) return [...lines, `  error: ${run.error}`];
  for (const r of run.runs) {
    const e = r.exploration;
    if (e === undefined) { lines.push(`  ${r.file}: ${r.problems.join('; ')}`); continue; }
    const counts = `${e.generated} states generated, ${e.distinct} distinct states, depth ${e.depth}`;
    const v = e.violation;
    if (v === undefined) lines.push(`  ${r.file}: ${counts}; ${r.invariants.length === 0 ? 'no invariant to check' : `${r.invariants.length} invariants hold (${r.invariants.join(', ')})`}`);
    else if (v.kind === 'invariant') lines.push(`  ${r.file}: ${counts}; invariant ${v.invariant} is violated, shortest trace (${v.trace.length} states):`);
    else if (v.kind === 'deadlock') lines.push(`  ${r.file}: ${counts}; deadlock, shortest trace (${v.trace.length} states):`);
    else lines.push(`  ${r.file}: ${counts}; error: ${v.message}${v.trace.length > 0 ? ', in the successors of:' : ''}`);
    if (v !== undefined) lines.push(...formatTrace(variables, v.trace));
    for (const p of r.problems) if (v?.kind !== 'error') lines.push(`  problem: ${p}`);
  }
  lines.push(run.dead.length === 0 ? '  dead code: none' : `  dead code (${run.dead.length}):`);
  for (const d of run.dead) lines.push(`    ${d.file}:${d.line} ${d.definition}: ${d.what}`);
  return lines;
}
