/**
 * A generated sequence as a case: the front matter every case has (id, description, clauses,
 * features, profiles) and its steps, so that the runner, the oracle and the repro treat it like a
 * hand-written one; and its text as a case file, with where it was found.
 *
 * @module
 */
import { stringify } from 'yaml';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { protString } from '../../model/layout/index.js';
import type { Call, Prot } from '../../model/types/calls.js';
import type { ProfileId } from '../../model/world/world.js';
import type { CaseDef, Feature, FoundOrigin } from '../case-file/case.js';

/** The features a sequence needs in `profile`: its proposal's, and namespaces when it uses them. */
export function featuresOf(steps: readonly Call[], profile: ProfileId): readonly Feature[] {
  const features: Feature[] = [];
  const uses = (types: readonly Call['type'][]): boolean => steps.some((s) => types.includes(s.type));
  if (uses(['dlmem', 'fdlopen', 'dlopen-with-offset'])) features.push('dlmem');
  if (profile.startsWith('norelocate') && (uses(['dlrelocate', 'dlset-object-base']) || steps.some((s) => 'mode' in s && s.mode.flags.includes('RTLD_NORELOCATE')))) {
    features.push('rtld-norelocate');
  }
  const namespaced = steps.some((s) => s.type === 'dlmopen' || (s.type === 'dlinfo' && s.request === 'RTLD_DI_LMID') || (s.type === 'dlmem' && s.args?.nsid !== undefined));
  if (namespaced) features.push('namespaces');
  if (features.length === 0) features.push('baseline');
  return features;
}

/** The case of a generated sequence (not yet saved: `file` names where it would be). */
export function sequenceCase(id: string, description: string, steps: readonly Call[], profile: ProfileId, clauses: readonly ClauseId[], found?: FoundOrigin): CaseDef {
  return {
    id, description, clauses: clauses.length > 0 ? clauses : ['base.call.returns'], features: featuresOf(steps, profile),
    profiles: [profile], steps, file: `conformance/cases/${id}.case.yaml`, ...(found === undefined ? {} : { found }),
  };
}

/** A step's fields as the case file writes them: modes as flag lists, protections as "rw-". */
function stepFields(call: Call): Record<string, unknown> {
  const { type: _type, ...fields } = call;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'mode' && typeof value === 'object' && value !== null && !('extraBits' in value)) out[key] = (value as { flags: unknown }).flags;
    else if (key === 'prot' && typeof value === 'object' && value !== null) out[key] = protString(value as Prot);
    else out[key] = value;
  }
  return out;
}

/** The text of `c` as a case file. */
export function caseText(c: CaseDef): string {
  const data = {
    id: c.id, description: c.description, clauses: c.clauses, features: c.features, profiles: c.profiles,
    ...(c.found === undefined ? {} : { found: c.found }),
  };
  const steps = c.steps.map((s) => `  - ${s.type}: ${stringify(stepFields(s), { flow: true, lineWidth: 0 }).trim()}`);
  return ['# Found by `dlspec fuzz`; every `dlspec run` replays it from now on.', stringify(data, { lineWidth: 0 }).trimEnd(), 'steps:', ...steps, ''].join('\n');
}
