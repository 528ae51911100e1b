/**
 * Calls defined as caller code around dlmem (the fdlopen chapter of SPEC.md): map a temporary source, run the
 * dlmem transition on it, and drop the temporary mapping from the script's view.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Mode } from '../../types/calls.js';
import type { Outcome, Outcomes } from '../../types/outcome.js';
import type { ModelState } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { withRegion } from '../../state/vars.js';
import { dlmem } from '../dlmem.js';
import { type RegionSpec, makeRegion } from './memory.js';

/** The name of the temporary source region; no script variable can take it. */
export const TEMP_SOURCE = '#source';
/** fdlopen's temporary source region: its objects' names answer to fdlopen.def.name as well. */
export const FDLOPEN_SOURCE = '#fdlopen';

/**
 * dlmem(`source`, `size`, `mode`, NULL) with `source` mapped only for the call. Every outcome
 * gains `cites`; successful ones also `okCites`. The temporary region is gone from every outcome's
 * state (the driver unmaps it or keeps it unnamed: neither is visible to a later step).
 */
export function viaDlmem(
  state: ModelState, world: World, as: string | undefined, source: RegionSpec, size: number | 'region',
  mode: Mode, cites: readonly ClauseId[], okCites: readonly ClauseId[], temp: string = TEMP_SOURCE,
): Outcomes {
  const start = withRegion(state, makeRegion(temp, source));
  const outcomes = dlmem(start, { type: 'dlmem', ...(as === undefined ? {} : { as }), buffer: { region: temp },
    size, mode, args: null }, world);
  return outcomes.map((o) => dropTemp(o, state, o.ret.kind === 'handle' ? [...cites, ...okCites] : cites, temp));
}

function dropTemp(outcome: Outcome, before: ModelState, cites: readonly ClauseId[], temp: string): Outcome {
  const regions = new Map(outcome.next.regions);
  const prior = before.regions.get(temp);
  if (prior === undefined) regions.delete(temp);
  else regions.set(temp, prior);
  return { ...outcome, next: { ...outcome.next, regions }, cites: [...new Set([...cites, ...outcome.cites])] };
}
