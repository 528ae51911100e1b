/**
 * TLA_TRACE: every case's traces through the model, mapped onto the TLA+ variables by the
 * abstraction of conformance/tla-trace, are behaviours of the module of the profile's proposal:
 * each model step is the step of its call's action (a disjunct of Next) or a stutter, and every
 * abstract state keeps the module's invariants.
 *
 * @module
 */
import type { Check, Problem } from '../../spec/checks/types.js';
import { formatDisagreement } from '../tla-trace/format.js';
import type { CaseValidation } from '../tla-trace/run.js';

/** The TLA_TRACE check over trace validation already run (conformance/tla-trace/run.ts), or the reason it could not run. */
export function tlaTraceCheck(validated: readonly CaseValidation[] | { readonly problem: string }): Check {
  return {
    id: 'TLA_TRACE',
    description: 'every case\'s model traces are behaviours of the TLA+ module of its profile (trace validation)',
    run() {
      if ('problem' in validated) return [{ file: 'spec/tla', message: validated.problem }];
      return validated.flatMap((r): Problem[] => [
        ...(r.problem === undefined ? [] : [{ file: r.file, message: `[${r.profile}] the model stopped: ${r.problem}` }]),
        ...r.disagreements.map((d) => ({ file: r.file, message: formatDisagreement(r, d).join('\n') })),
      ]);
    },
  };
}
