/**
 * The spec check as `dlspec spec check` and `dlspec run` perform it: the checks of spec/checks
 * with judged coverage (conformance/coverage) and the checks that need the conformance code
 * (CASE_SCHEMA, and TLA_TRACE: trace validation of the cases' model traces against the TLA+
 * modules). spec/ never imports from here: the data flows one way.
 *
 * @module
 */
import { type RunOptions, type SpecCheckOutcome, runSpecCheck } from '../../spec/checks/run.js';
import { computeJudgement } from '../coverage/judgement.js';
import { validateCases } from '../tla-trace/run.js';
import { caseSchemaCheck } from './case-schema.js';
import { tlaTraceCheck } from './tla-trace.js';

/** Checks that live downstream of spec/. */
export const CONFORMANCE_CHECKS = [caseSchemaCheck] as const;

/** Options of {@link checkProject}. */
export interface ProjectCheckOptions extends RunOptions {
  /** The build cache root for the fixtures judged coverage is computed over. */
  readonly cacheRoot?: string;
}

/** Computes judged coverage, then runs every spec check on the repository at `root`. */
export async function checkProject(root: string, options: ProjectCheckOptions = {}): Promise<SpecCheckOutcome> {
  const judgement = await computeJudgement(root, options.cacheRoot);
  if ('problem' in judgement) {
    const print = options.print ?? ((text: string) => console.log(text));
    print(`error: judged coverage needs the fixtures built with cc: ${judgement.problem}`);
  }
  const traces = await validateCases(root, undefined, options.cacheRoot);
  return runSpecCheck(root, { ...options, extraChecks: [...CONFORMANCE_CHECKS, tlaTraceCheck(traces), ...(options.extraChecks ?? [])],
    ...('problem' in judgement ? {} : { judgement }) });
}
