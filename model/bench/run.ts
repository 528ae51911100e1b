/**
 * The model benchmark: transitions per second on typical sequences. Each scenario replays its
 * script many times, following the first allowed outcome of each step, after a warm-up.
 *
 * @module
 */
import { initialState } from '../state/initial.js';
import { step } from '../step.js';
import type { ModelState } from '../types/state.js';
import { sampleWorld } from '../world/sample.js';
import type { World } from '../world/world.js';
import { REFERENCE, SCENARIOS, type Scenario } from './scenarios.js';

/** One scenario's figures. */
export interface BenchResult {
  /** Scenario name. */
  readonly name: string;
  /** Transitions performed (after the warm-up). */
  readonly transitions: number;
  /** Outcomes the transitions returned (several per transition at open spots). */
  readonly outcomes: number;
  /** Wall-clock milliseconds. */
  readonly ms: number;
  /** Transitions per second of wall-clock time. */
  readonly perSecond: number;
  /**
   * Transitions per second of the process's CPU time: what one core does, whatever else the
   * machine runs meanwhile (the garbage collector's helper threads count against it).
   */
  readonly perCpuSecond: number;
  /** Whether it is the reference scenario (a yardstick of the machine's load, not a workload). */
  readonly reference?: true;
}

/** Runs the reference scenario and then every scenario, for about `budgetMs` each. */
export function runModelBench(budgetMs = 1000): readonly BenchResult[] {
  return [{ ...runScenario(REFERENCE, budgetMs), reference: true }, ...SCENARIOS.map((scenario) => runScenario(scenario, budgetMs))];
}

/** Replays `scenario` in `world` for about `budgetMs`, following the first allowed outcome of each step. */
function replay(scenario: Scenario, world: World, budgetMs: number): Omit<BenchResult, 'name'> {
  let transitions = 0;
  let outcomes = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    for (let i = 0; i < 50; i++) {
      let state: ModelState = initialState();
      for (const call of scenario.calls) {
        const result = step(state, call, world);
        transitions++;
        if (result.kind === 'unsupported' || result.outcomes.length === 0) break;
        outcomes += result.outcomes.length;
        state = (result.outcomes[0] as (typeof result.outcomes)[number]).next;
      }
    }
    now = performance.now();
  }
  const ms = now - start;
  const used = process.cpuUsage(cpu);
  return { transitions, outcomes, ms, perSecond: (transitions / ms) * 1000, perCpuSecond: transitions / ((used.user + used.system) / 1e6) };
}

/** The longest warm-up of a scenario. */
export const WARM_UP_MAX_MS = 5000;

/**
 * Times one scenario for about `budgetMs` once it is warm: replayed in slices of a tenth of the
 * budget until five slices in a row are no faster (by 5 %) than the fastest before them, so that
 * the optimised code is timed, not the JIT compiler, which takes seconds on a busy machine (at most
 * {@link WARM_UP_MAX_MS}).
 */
function runScenario(scenario: Scenario, budgetMs: number): BenchResult {
  const world = sampleWorld(scenario.profile);
  const start = performance.now();
  for (let best = 0, flat = 0; flat < 5 && performance.now() - start < WARM_UP_MAX_MS;) {
    const slice = replay(scenario, world, budgetMs / 10).perCpuSecond;
    if (slice > best * 1.05) { best = slice; flat = 0; } else flat += 1;
  }
  return { name: scenario.name, ...replay(scenario, world, budgetMs) };
}
