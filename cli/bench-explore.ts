/**
 * The explorer's benchmark: distinct states and states per second per profile, at a depth that
 * keeps `npm run bench` short (the reports of `dlspec explore` give the depth-6 figures).
 *
 * @module
 */
import { initialState } from '../model/state/initial.js';
import { exploreModel } from '../model/explore/search.js';
import { PROFILE_IDS } from '../model/world/profile.js';
import { fixtureWorlds } from '../conformance/runner/fixture-worlds.js';

/** Explores every profile to `depth` and prints its figures; returns the exit code. */
export async function runExploreBenchCommand(print: (line: string) => void, depth = 4): Promise<number> {
  const worlds = await fixtureWorlds();
  print('');
  print(`explorer (one core, depth ${depth}, default bounds, the conformance fixtures)`);
  if ('problem' in worlds) { print(`cannot run: ${worlds.problem}`); return 1; }
  print('profile               distinct states   model steps   states/s   steps/s');
  for (const profile of PROFILE_IDS) {
    const e = exploreModel(worlds.world(profile), initialState(), { depth });
    const perSecond = (n: number): string => Math.round((n / e.ms) * 1000).toLocaleString('en-US');
    print(`${profile.padEnd(20)}  ${String(e.states).padStart(15)}  ${String(e.transitions).padStart(12)}  ${perSecond(e.states).padStart(9)}  ${perSecond(e.transitions).padStart(8)}`);
  }
  return 0;
}
