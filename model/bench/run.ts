/**
 * The model benchmark: transitions per second on typical sequences, and peak memory. Each
 * scenario replays its script many times, following the first allowed outcome of each step.
 *
 * @module
 */
import { initialState } from '../state/initial.js';
import { step } from '../step.js';
import type { ModelState } from '../types/state.js';
import { sampleWorld } from '../world/sample.js';
import { REFERENCE, SCENARIOS, type Scenario } from './scenarios.js';

/** One scenario's figures. */
export interface BenchResult {
  /** Scenario name. */
  readonly name: string;
  /** Transitions performed. */
  readonly transitions: number;
  /** Outcomes the transitions returned (several per transition at open spots). */
  readonly outcomes: number;
  /** Wall-clock milliseconds. */
  readonly ms: number;
  /** Transitions per second. */
  readonly perSecond: number;
}

/** Runs the reference scenario and then every scenario, for about `budgetMs` each. */
export function runModelBench(budgetMs = 1000): readonly BenchResult[] {
  return [REFERENCE, ...SCENARIOS].map((scenario) => runScenario(scenario, budgetMs));
}

/** Times one scenario for about `budgetMs`. */
function runScenario(scenario: Scenario, budgetMs: number): BenchResult {
  {
    const world = sampleWorld(scenario.profile);
    let transitions = 0;
    let outcomes = 0;
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
    return { name: scenario.name, transitions, outcomes, ms, perSecond: (transitions / ms) * 1000 };
  }
}
