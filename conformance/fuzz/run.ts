/**
 * `dlspec fuzz`: fast-check sequences generated from the model's state, each run on a loader in
 * its own process and checked by the oracle. A divergence (a FAIL, or an ERROR) is shrunk with the
 * loader in the loop, fast-check's shrinking keeping only sequences that show the same signature;
 * divergences are grouped by signature, one shrunk case per group.
 *
 * @module
 */
import fc from 'fast-check';
import type { ProfileId } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { ResultEntry } from '../report/types.js';
import { sequenceCase } from './case.js';
import type { FuzzLoader } from './loader.js';
import { sequenceOf } from './sequence.js';

/** How to fuzz. */
export interface FuzzOptions {
  /** The profile the sequences are judged in. */
  readonly profile: ProfileId;
  /** fast-check's seed for the first round (later rounds take the next numbers). */
  readonly seed: number;
  /** How many sequences to generate (shrinking runs are on top). */
  readonly runs: number;
  /** The most letters in a sequence. */
  readonly maxLetters?: number;
  /** The most loader runs spent shrinking one group. */
  readonly shrinkBudget?: number;
  /** Called after every generated sequence's run. */
  readonly onRun?: (result: ResultEntry, done: number) => void;
}

/** One group of divergences with the same signature. */
export interface DivergenceGroup {
  /** Kind, call type and violated clauses (FAIL), or ERROR and its reason. */
  readonly signature: string;
  /** The shrunk case. */
  readonly case: CaseDef;
  /** The result of the shrunk case. */
  readonly result: ResultEntry;
  /** The seed and path fast-check replays it with. */
  readonly seed: number;
  /** fast-check's path to the shrunk counterexample. */
  readonly path: string;
  /** How many generated sequences showed it. */
  count: number;
}

/** What a fuzz run found. */
export interface FuzzOutcome {
  /** Sequences generated and run. */
  readonly runs: number;
  /** Loader runs spent shrinking. */
  readonly shrinkRuns: number;
  /** Verdicts of the generated sequences. */
  readonly verdicts: Readonly<Record<string, number>>;
  /** The divergence groups, in the order they were found. */
  readonly groups: readonly DivergenceGroup[];
}

/** The signature of a result that diverges, or undefined when it does not. */
export function signatureOf(r: ResultEntry, c: CaseDef): string | undefined {
  if (r.verdict === 'ERROR') return `ERROR ${(r.reason ?? '').split(':')[0]}`;
  if (r.verdict !== 'FAIL' || r.divergence === undefined) return undefined;
  const call = c.steps[r.divergence.step - 1]?.type ?? 'exit';
  return `${r.divergence.kind} at ${call} breaking ${[...r.divergence.violated].sort().join(',') || 'nothing named'}`;
}

/** The case of choice list `choices` (not saved). */
function caseOf(loader: FuzzLoader, options: FuzzOptions, choices: readonly number[]): CaseDef {
  const seq = sequenceOf(loader.world, choices, loader.allows);
  return sequenceCase('found/candidate', `letters: ${seq.letters.join(' → ') || 'none'}`, seq.steps, options.profile, []);
}

/**
 * The case cut after its divergence step, when the loader shows the same signature without the
 * steps that follow (they cannot change what the step observed, but the loader decides).
 */
async function trimmed(loader: FuzzLoader, last: { c: CaseDef; r: ResultEntry }, signature: string): Promise<{ c: CaseDef; r: ResultEntry }> {
  const step = last.r.divergence?.step;
  if (step === undefined || step >= last.c.steps.length) return last;
  const c = { ...last.c, steps: last.c.steps.slice(0, step) };
  const r = await loader.run(c);
  return signatureOf(r, c) === signature ? { c, r } : last;
}

/** Runs the fuzzer on `loader`. */
export async function runFuzz(loader: FuzzLoader, options: FuzzOptions): Promise<FuzzOutcome> {
  const arb = fc.array(fc.nat({ max: 1 << 16 }), { minLength: 1, maxLength: options.maxLetters ?? 8 });
  const budget = options.shrinkBudget ?? 150;
  const groups = new Map<string, DivergenceGroup>();
  const verdicts: Record<string, number> = {};
  let done = 0;
  let shrinkRuns = 0;
  for (let round = 0; done < options.runs; round++) {
    const seed = options.seed + round;
    let target: string | undefined;
    let spent = 0;
    let last: { c: CaseDef; r: ResultEntry } | undefined;
    const property = fc.asyncProperty(arb, async (choices) => {
      if (target !== undefined && spent >= budget) return true;
      const c = caseOf(loader, options, choices);
      if (c.steps.length === 0) return true;
      const r = await loader.run(c);
      const sig = signatureOf(r, c);
      if (target === undefined) {
        verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
        options.onRun?.(r, done + 1);
        if (sig === undefined) return true;
        const known = groups.get(sig);
        if (known !== undefined) { known.count++; return true; }
        target = sig;
        last = { c, r };
        return false;
      }
      spent++;
      shrinkRuns++;
      if (sig !== target) return true;
      last = { c, r };
      return false;
    });
    const result = await fc.check(property, { seed, numRuns: options.runs - done });
    done += result.numRuns;
    if (!result.failed || target === undefined || last === undefined) continue;
    const found = await trimmed(loader, last, target);
    shrinkRuns++;
    const path = result.counterexamplePath ?? '';
    const clauses = found.r.divergence?.violated ?? [];
    const c = sequenceCase(found.c.id, found.c.description, found.c.steps, options.profile, clauses, { seed, path, loader: loader.active.loader.id, signature: target });
    groups.set(target, { signature: target, seed, path, count: 1, result: found.r, case: c });
  }
  return { runs: done, shrinkRuns, verdicts, groups: [...groups.values()] };
}
