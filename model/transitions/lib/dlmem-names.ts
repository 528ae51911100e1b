/**
 * dlmem and objects already loaded (the dlmem-names chapter of SPEC.md): RTLD_NOLOAD, and the unspecified
 * de-duplication by soname or, without one, by identical bytes.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { LoadedObject } from '../../types/state.js';
import { failure, unspecified } from '../../outcome/build.js';
import { findByName, liveIn, updateObject } from '../../state/objects.js';
import type { DlmemRequest } from './dlmem-request.js';
import { imageAt } from './image.js';
import { type Fork, along, end, goOn, qualify } from './result.js';

/** An already-loaded object dlmem may return instead of loading, and the clause that allows it. */
interface Candidate {
  readonly object: LoadedObject;
  readonly clause: ClauseId;
  readonly gap: string;
}

/**
 * The object dlmem may return: one whose name or DT_SONAME is `soname` (dlmem.names.dedup-soname),
 * or, without a soname, an anonymous dlmem object of the same image
 * (dlmem.names.no-dedup-anonymous).
 */
function candidateOf(req: DlmemRequest): Candidate | undefined {
  if (req.soname !== undefined) {
    const object = findByName(req.state, req.ns, req.soname);
    return object === undefined ? undefined : {
      object, clause: 'dlmem.names.dedup-soname',
      gap: `whether dlmem returns the loaded object named '${req.soname}' or loads a second one is not said`,
    };
  }
  const image = imageAt(req.region, req.offset);
  const object = image === undefined ? undefined
    : liveIn(req.state, req.ns).find((o) => o.via === 'dlmem' && o.name === '' && o.image === image);
  return object === undefined ? undefined : {
    object, clause: 'dlmem.names.no-dedup-anonymous',
    gap: 'whether dlmem of the same bytes without a soname returns the first object or loads a second is not said',
  };
}

/**
 * RTLD_NOLOAD never maps the buffer's object (dlmem.names.noload): NULL, or an already-loaded
 * object where de-duplication allows it. Without RTLD_NOLOAD a candidate gives the unspecified
 * choice between returning it and loading anew.
 */
export function namesStep(req: DlmemRequest): Fork<DlmemRequest> {
  const candidate = candidateOf(req);
  const noload = req.mode.flags.includes('RTLD_NOLOAD');
  if (candidate === undefined) {
    if (!noload) return goOn(req);
    // Whether the NULL also leaves a dlerror() message is implementation-defined, as for dlopen (base.dlopen.noload).
    const none = failure(req.state, { kind: 'null' }, 'unspecified', ['dlmem.names.noload', 'dlmem.args.handle', 'base.dlopen.noload']);
    return end([qualify({ ...none, error: { kind: 'any' } }, req.route)]);
  }
  const route = along(req.route, 'unspecified', noload ? ['dlmem.names.noload'] : [], candidate.gap);
  const existing = qualify(returnExisting(req, candidate), route);
  if (noload) {
    // The NULL may leave no dlerror() message here too (base.dlopen.noload).
    const none = failure(req.state, { kind: 'null' }, 'unspecified', ['dlmem.names.noload', candidate.clause, 'base.dlopen.noload'], 'unspecified', candidate.gap);
    return end([existing, qualify({ ...none, error: { kind: 'any' } }, route)]);
  }
  return { ended: [existing], go: [{ ...req, route: along(route, 'unspecified', [candidate.clause]) }] };
}

/** Returns the loaded object: one more reference, promoted to global with RTLD_GLOBAL; premap is not called. */
function returnExisting(req: DlmemRequest, candidate: Candidate): ReturnType<typeof unspecified> {
  const { object } = candidate;
  const global = object.global || req.mode.flags.includes('RTLD_GLOBAL');
  const next = updateObject(req.state, object.id, { refs: object.refs + 1, global });
  const cites: ClauseId[] = [candidate.clause, 'dlmem.args.handle', ...req.okCites];
  if (req.premap !== undefined) cites.push('dlmem.premap.not-called-invalid');
  return unspecified(next, { kind: 'handle', object: object.id }, cites, candidate.gap,
    { value: { kind: 'handle', object: object.id } });
}
