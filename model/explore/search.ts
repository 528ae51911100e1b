/**
 * Breadth-first exploration of the model's state space over the alphabet of a profile: every
 * letter from every distinct state, depth by depth, with the state hashing of canonical.ts so that
 * equivalent states are expanded once. The first time a finding is met is on a shortest sequence.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import { step } from '../step.js';
import { type Bounds, DEFAULT_BOUNDS, alphabet } from './alphabet.js';
import { canonicalKey } from './canonical.js';
import { type Finding, findingKey, modelError, stepFindings } from './findings.js';
import { type Letter, endsLetter } from './letters.js';

/** One corner case: a finding and the shortest sequence that reaches it. */
export interface CornerCase {
  /** What was found. */
  readonly finding: Finding;
  /** The letters of the sequence, the last one being where it was found. */
  readonly letters: readonly string[];
  /** The calls of the sequence, up to and including the step it was found at. */
  readonly calls: readonly Call[];
  /** How many times it was met in the whole exploration. */
  occurrences: number;
}

/** What an exploration found. */
export interface Exploration {
  /** The profile explored. */
  readonly profile: World['profile']['id'];
  /** The depth asked for, and the depth every state was expanded to. */
  readonly depth: number;
  /** The bounds. */
  readonly bounds: Bounds;
  /** Distinct states, in all. */
  readonly states: number;
  /** Distinct new states found at each depth (index 0: the initial state). */
  readonly perDepth: readonly number[];
  /** Model steps taken. */
  readonly transitions: number;
  /** Whether it stopped at `maxStates` before reaching the depth. */
  readonly truncated: boolean;
  /** Milliseconds spent. */
  readonly ms: number;
  /** The corner cases, in the order they were found. */
  readonly corners: readonly CornerCase[];
  /** Every clause some outcome cited. */
  readonly cited: ReadonlySet<ClauseId>;
}

/** How to explore. */
export interface ExploreOptions {
  /** How many letters deep. */
  readonly depth: number;
  /** The bounds (default {@link DEFAULT_BOUNDS}). */
  readonly bounds?: Bounds;
  /** Stop after this many distinct states (default 2,000,000). */
  readonly maxStates?: number;
}

interface Node {
  readonly state: ModelState;
  readonly parent: number;
  readonly letter: Letter | undefined;
}

/** Explores the model of `world`'s profile from `initial`. */
export function exploreModel(world: World, initial: ModelState, options: ExploreOptions): Exploration {
  const started = performance.now();
  const bounds = options.bounds ?? DEFAULT_BOUNDS;
  const maxStates = options.maxStates ?? 2_000_000;
  const nodes: Node[] = [{ state: initial, parent: -1, letter: undefined }];
  const index = new Map<string, number>([[canonicalKey(initial), 0]]);
  const corners = new Map<string, CornerCase>();
  const cited = new Set<ClauseId>();
  const perDepth = [1];
  let transitions = 0;
  let truncated = false;

  const pathOf = (at: number): Letter[] => {
    const letters: Letter[] = [];
    for (let n = nodes[at]; n !== undefined && n.letter !== undefined; n = nodes[n.parent]) letters.unshift(n.letter);
    return letters;
  };
  const found = (at: number, letter: Letter, callIndex: number, finding: Finding): void => {
    const key = findingKey(finding);
    const known = corners.get(key);
    if (known !== undefined) { known.occurrences++; return; }
    const path = pathOf(at);
    corners.set(key, {
      finding, letters: [...path.map((l) => l.label), letter.label],
      calls: [...path.flatMap((l) => l.calls), ...letter.calls.slice(0, callIndex + 1)], occurrences: 1,
    });
  };
  /** The states `letter` leads to from node `at`, or undefined when the profile lacks its call. */
  const apply = (at: number, letter: Letter): ModelState[] | undefined => {
    let branch: ModelState[] = [(nodes[at] as Node).state];
    const ends: ModelState[] = [];
    for (const [i, call] of letter.calls.entries()) {
      const next: ModelState[] = [];
      for (const s of branch) {
        let outcomes: readonly Outcome[];
        try {
          const result = step(s, call, world);
          if (result.kind === 'unsupported') return undefined;
          outcomes = result.outcomes;
        } catch (error) {
          found(at, letter, i, modelError(call, error));
          continue;
        }
        transitions++;
        for (const f of stepFindings(s, call, outcomes, world)) found(at, letter, i, f);
        for (const o of outcomes) {
          for (const c of o.cites) cited.add(c);
          if (o.firmness === 'undefined') continue;
          (i < letter.calls.length - 1 && !endsLetter(o) ? next : ends).push(o.next);
        }
      }
      branch = next;
    }
    return ends;
  };

  let frontier = [0];
  for (let depth = 1; depth <= options.depth && !truncated; depth++) {
    const fresh: number[] = [];
    for (const at of frontier) {
      for (const letter of alphabet(world, (nodes[at] as Node).state, bounds)) {
        for (const state of apply(at, letter) ?? []) {
          const key = canonicalKey(state);
          if (index.has(key)) continue;
          if (nodes.length >= maxStates) { truncated = true; continue; }
          index.set(key, nodes.length);
          fresh.push(nodes.length);
          nodes.push({ state, parent: at, letter });
        }
      }
    }
    perDepth.push(fresh.length);
    frontier = fresh;
  }
  return {
    profile: world.profile.id, depth: options.depth, bounds, states: nodes.length, perDepth, transitions, truncated,
    ms: performance.now() - started, corners: [...corners.values()], cited,
  };
}
