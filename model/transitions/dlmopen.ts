/**
 * dlmopen(nsid, file, mode).
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { resolveNamespace } from '../state/namespaces.js';
import type { CallOf, Mode, NsRef } from '../types/calls.js';
import type { Outcome, Outcomes } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import type { World } from '../world/world.js';
import type { Transition } from './transition.js';
import { failure } from '../outcome/build.js';
import { type ModeProceed, isDeferred, validateMode, weaken } from './lib/mode.js';
import { openObject } from './lib/open-object.js';
import { FIRM, along, finish, qualify } from './lib/result.js';

type Dlmopen = CallOf<'dlmopen'>;

/** The namespace a dlmopen loads into, and whether the call creates it; undefined for a bad nsid. */
export type Target = { readonly ns: number; readonly newNs: boolean } | undefined;

/** The namespace `nsid` names in `state` (see resolveNamespace); a script's unknown id is a script error. */
export function namespaceOf(state: ModelState, nsid: NsRef): Target {
  const target = resolveNamespace(state, nsid);
  if (target.kind === 'unknown') throw new Error('script error: the namespace id comes from an outcome the model does not determine');
  return target.kind === 'ns' ? { ns: target.ns, newNs: target.create } : undefined;
}

/** Argument validation: a bad namespace id fails with EINVAL (base.dlmopen.bad-nsid); then the mode. */
function checks(state: ModelState, call: Dlmopen, world: World): { readonly failures: Outcomes; readonly target: Target; readonly proceedWith: readonly ModeProceed[] } {
  const target = namespaceOf(state, call.nsid);
  if (target === undefined) {
    return { failures: [failure(state, { kind: 'null' }, 'EINVAL', ['base.dlmopen.bad-nsid'])], target, proceedWith: [] };
  }
  const mode = validateMode(state, call.mode, world, []);
  return { failures: mode.failures, target, proceedWith: mode.proceedWith };
}

/**
 * RTLD_NORELOCATE with dlmopen (noreloc.lifecycle.dlmopen): accepted with dlopen's meaning,
 * rejected, or ignored; the thread does not say. Other modes go on as they are.
 */
function modeChoices(state: ModelState, mode: Mode, world: World): { readonly modes: readonly { mode: Mode; cites: readonly ClauseId[] }[]; readonly rejected: Outcomes; readonly gap?: string } {
  if (!isDeferred(mode, world)) return { modes: [{ mode, cites: [] }], rejected: [] };
  const cite: ClauseId = 'noreloc.lifecycle.dlmopen';
  const gap = 'whether dlmopen accepts RTLD_NORELOCATE, with the meaning it has for dlopen, is not said';
  const ignored: Mode = { ...mode, flags: mode.flags.filter((f) => f !== 'RTLD_NORELOCATE') };
  return {
    modes: [{ mode, cites: [cite] }, { mode: ignored, cites: [cite] }],
    rejected: [failure(state, { kind: 'null' }, 'unspecified', [cite], 'unspecified', gap)],
    gap,
  };
}

/** Opening the object in the target namespace. */
function core(state: ModelState, call: Dlmopen, world: World, target: NonNullable<Target>, proceed: ModeProceed): Outcomes {
  const choices = modeChoices(state, proceed.mode, world);
  const cites: ClauseId[] = target.newNs ? ['base.dlmopen.newlm'] : [];
  const opened = choices.modes.flatMap(({ mode, cites: modeCites }) =>
    openObject(state, world, { image: call.file, ns: target.ns, newNs: target.newNs, mode, cites })
      .map((o: Outcome) => (modeCites.length === 0 ? o : qualify(o, along(FIRM, 'unspecified', modeCites, choices.gap)))));
  return [...opened, ...choices.rejected].map((o) => weaken(o, proceed.firmness, proceed.cites));
}

/**
 * dlmopen: as dlopen, into the namespace `nsid` names. LM_ID_NEWLM makes a new namespace whose
 * objects are distinct from every other's, a second copy included (base.dlmopen.newlm); an id
 * that names no namespace fails with EINVAL and loads nothing (base.dlmopen.bad-nsid).
 * RTLD_NORELOCATE is noreloc.lifecycle.dlmopen's open question. The result is bound to `call.as`.
 */
export const dlmopen: Transition<CallOf<'dlmopen'>> = (state, call, world) => {
  const { failures, target, proceedWith } = checks(state, call, world);
  const go = target === undefined ? [] : proceedWith.flatMap((p) => core(state, call, world, target, p));
  return [...failures, ...go].map((o) => finish(o, call.as));
};
