/**
 * The C block at the diverging step: each allowed outcome tried in turn (the first condition
 * that fails says why), then either the verdict "behaves as the spec requires" (exit 0) or what
 * the spec requires, what happened and the clause IDs (exit 1).
 *
 * @module
 */
import type { Call } from '../../model/types/calls.js';
import type { World } from '../../model/world/world.js';
import type { Divergence } from '../oracle/types.js';
import { cComment, cString } from './c-text.js';
import { outcomeChecks } from './emit-check.js';
import type { EmitContext } from './emit-context.js';
import type { DriverStep } from './lines.js';
import type { AllowedOutcome } from './allowed.js';

/** What the check is written from. */
export interface CheckFacts {
  /** The call of the diverging step. */
  readonly call: Call;
  /** Its driver line. */
  readonly step: DriverStep;
  /** Every outcome the spec allows there. */
  readonly allowed: readonly AllowedOutcome[];
  /** The profile's world. */
  readonly world: World;
  /** Observed handle → the C variable holding it before the step. */
  readonly handles: ReadonlyMap<string, string>;
  /** The generation's context. */
  readonly ctx: EmitContext;
  /** The recorded divergence. */
  readonly divergence: Divergence;
  /** Go on after a divergence instead of exiting 1. */
  readonly keepGoing: boolean;
}

/** The C lines of the check, or why there is none. */
export function emitCheck(f: CheckFacts): { readonly lines: readonly string[] } | { readonly error: string } {
  const checks = outcomeChecks(f.allowed, f.handles, f.ctx);
  if (checks.length === 0) return { error: `the model allows no outcome at step ${f.step.n}: no check can be written` };
  const d = f.divergence;
  // As the oracle does (conformance/oracle/check.ts): the allowed outcome with the fewest failing
  // requirements explains the divergence, by its first failing one.
  const lines = ['{', '  /* What the spec allows here; the closest allowed outcome says why it diverges. */', '  int ok = 0, best = -1;', '  const char *why = NULL;'];
  checks.forEach((c) => {
    lines.push(`  /* allowed: ${cComment(c.text.replace(/\s*\n\s*/g, ' · '))} */`, '  if (!ok) {', '    int n = 0;', '    const char *w = NULL;');
    for (const r of c.requires) lines.push(`    if (!(${r.cond})) { n++; if (!w) w = ${cString(r.why)}; }`);
    lines.push('    if (n == 0) ok = 1;', '    else if (best < 0 || n < best) { best = n; why = w; }', '  }');
  });
  const allowed = d.allowed.flatMap((a) => a.split('\n').map((l) => `    ${l.trim()}\n`)).join('');
  const clauses = d.violated.join(', ');
  lines.push('  if (!ok) {',
    `    printf("repro: step ${f.step.n} DIVERGES from the spec: %s\\n", why ? why : "no allowed outcome matches");`,
    `    printf("  call: %s\\n", ${cString(d.call)});`,
    `    printf("  the spec allows:\\n%s", ${cString(allowed)});`,
    '    print_observed();',
    `    printf("  clauses: %s\\n", ${cString(clauses)});`,
    `    printf("  (the recorded run: %s, %s)\\n", ${cString(d.kind)}, ${cString(d.detail)});`,
    ...(f.keepGoing ? ['    fflush(stdout);', '    diverged = 1;'] : ['    return 1;']),
    '  }',
    `  ${f.keepGoing ? 'else ' : ''}printf("repro: step ${f.step.n} behaves as the spec requires (the recorded run diverged here: ${d.kind})\\n");`,
    ...(f.keepGoing ? ['  fflush(stdout);'] : ['  return 0;']), '}');
  return { lines };
}
