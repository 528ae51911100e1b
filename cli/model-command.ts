/**
 * `dlspec model --profile P SCRIPT`: runs a script through the model and prints, step by step,
 * every outcome the spec allows with the clauses that allow it.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { explore } from '../model/script/explore.js';
import { formatCall, formatOutcome } from '../model/script/format.js';
import { formatScriptProblem, parseScript } from '../model/script/parse.js';
import { initialState } from '../model/state/initial.js';
import { PROFILE_IDS, isProfileId } from '../model/world/profile.js';
import { sampleWorld } from '../model/world/sample.js';

/** Runs the command; returns the exit code (1 for a bad script or profile, or a broken invariant). */
export function runModelCommand(scriptPath: string, profileOption: string | undefined, print: (line: string) => void): number {
  let text: string;
  try {
    text = readFileSync(scriptPath, 'utf8');
  } catch (error) {
    print(`dlspec model: cannot read ${scriptPath}: ${(error as Error).message}`);
    return 1;
  }
  const script = parseScript(text);
  if (!script.ok) {
    for (const p of script.problems) print(`${scriptPath}: ${formatScriptProblem(p)}`);
    return 1;
  }
  const profile = profileOption ?? script.profile;
  if (profile === undefined || !isProfileId(profile)) {
    print(`dlspec model: give --profile (one of ${PROFILE_IDS.join(', ')})${profile === undefined ? '' : `, not ${profile}`}`);
    return 1;
  }
  let steps: ReturnType<typeof explore>;
  try {
    steps = explore(sampleWorld(profile), initialState(), script.calls);
  } catch (error) {
    // A script error (a fixture the sample world lacks, a variable holding no handle) names itself.
    print(`${scriptPath}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  let broken = 0;
  steps.forEach((s, i) => {
    print(`step ${i + 1}  ${formatCall(s.call)}`);
    if (s.unsupported !== undefined) print(`  unsupported: ${s.unsupported}`);
    for (const o of s.outcomes) print(`  - ${formatOutcome(o)}`);
    if (s.dropped > 0) print(`  (${s.dropped} further states not explored)`);
    for (const b of s.broken) print(`  INVARIANT BROKEN ${b}`);
    broken += s.broken.length;
  });
  if (steps.length < script.calls.length) print(`stopped after step ${steps.length}: no state left`);
  return broken > 0 ? 1 : 0;
}
