/**
 * dlmem's argument validation (the dlmem-args and dlmem-buffer chapters of SPEC.md), as a chain of steps. Each step ends the call
 * with the failures it allows and lets it go on in the ways it allows; the steps run in the order
 * of the chapter, so with several bad arguments the first failing step decides (a loader that
 * checks in another order reports the same EINVAL or an unspecified error number).
 *
 * Broken caller requirements come first: a buffer that is not wholly readable for `size` bytes is
 * undefined behaviour (dlmem.args.size-beyond-buffer) whatever else is wrong.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import { resolveNamespace } from '../../state/namespaces.js';
import type { CallOf, DlmemArgs, NsRef } from '../../types/calls.js';
import type { ModelState, Region } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { failure, undefinedBehaviour, unspecified } from '../../outcome/build.js';
import type { DlmemRequest } from './dlmem-request.js';
import { withOk, withRoute } from './dlmem-request.js';
import { imageAt, imageBytes, neededBytes } from './image.js';
import { isDeferred, validateMode } from './mode.js';
import { FIRM, type Fork, along, end, goOn, qualify, andThen } from './result.js';

const NULL = { kind: 'null' } as const;

/** Validates a dlmem call's arguments: the failures they allow, and the requests to go on with. */
export function checkDlmemArgs(state: ModelState, call: CallOf<'dlmem'>, world: World): Fork<DlmemRequest> {
  if (call.buffer === null) {
    return end([unspecified(state, { kind: 'any' }, ['dlmem.args.null-buffer'],
      'whether dlmem checks buffer == NULL is not said; any return but a crash', { error: { kind: 'any' } })]);
  }
  const region = state.regions.get(call.buffer.region);
  const offset = call.buffer.offset ?? 0;
  const unreadable = readableProblem(region, call.buffer.region, offset);
  if (unreadable !== undefined) return end([undefinedBehaviour(state, ['dlmem.args.size-beyond-buffer'], unreadable)]);
  const source = region as Region;
  const size = resolveSize(call.size, source, offset, world);
  if (size > source.length - offset) {
    return end([undefinedBehaviour(state, ['dlmem.args.size-beyond-buffer'],
      `size ${size} runs past the end of region '${source.id}' (${source.length - offset} bytes from buffer)`)]);
  }
  const start: DlmemRequest = {
    state, call, world, region: source, offset, size, mode: call.mode, deferred: false, soname: undefined, ns: 0,
    newNamespace: false, dontreplace: false, genbuf: false, premap: undefined, route: FIRM, okCites: [],
  };
  let fork = andThen(goOn(start), modeStep);
  for (const step of [argsStep, alignmentStep, sizeStep, flagsStep, nsidStep, dontreplaceStep]) fork = andThen(fork, step);
  return fork;
}

function readableProblem(region: Region | undefined, id: string, offset: number): string | undefined {
  if (region === undefined) return `buffer points into region '${id}', which the script never mapped`;
  if (!region.mapped) return `buffer points into region '${id}', which the caller unmapped`;
  if (!region.prot.r) return `buffer points into region '${id}', which is not readable`;
  if (offset < 0 || offset > region.length) return `buffer offset ${offset} lies outside region '${id}'`;
  return undefined;
}

/**
 * `size: 'image'` is the image at `buffer`, `size: 'needed'` the part of it a loader reads (its
 * headers and PT_LOAD file ranges); with no image there, either is the rest of the region.
 */
function resolveSize(size: CallOf<'dlmem'>['size'], region: Region, offset: number, world: World): number {
  if (typeof size === 'number') return size;
  const image = imageAt(region, offset);
  if (size === 'region' || image === undefined) return region.length - offset;
  return size === 'needed' ? neededBytes(world, image) : imageBytes(world, image);
}

/** Mode validation as dlopen's (dlmem.args.mode-invalid), and RTLD_NORELOCATE in dlmem's mode. */
function modeStep(req: DlmemRequest): Fork<DlmemRequest> {
  const check = validateMode(req.state, req.call.mode, req.world, ['dlmem.args.mode-invalid']);
  const ended = check.failures.map((o) => qualify(o, req.route));
  const go: DlmemRequest[] = [];
  for (const p of check.proceedWith) {
    const route = along(req.route, p.firmness, p.cites);
    const valid = withOk(req, ['dlmem.args.mode-as-dlopen']);
    if (!isDeferred(p.mode, req.world)) { go.push(withRoute(valid, route, { mode: p.mode })); continue; }
    const gap = 'whether dlmem accepts RTLD_NORELOCATE is not said (noreloc.lifecycle.with-dlmem)';
    ended.push(qualify(failure(req.state, NULL, 'unspecified', ['noreloc.lifecycle.with-dlmem'], 'unspecified', gap), route));
    go.push(withRoute(valid, along(route, 'unspecified', ['noreloc.lifecycle.with-dlmem'], gap), { mode: p.mode, deferred: true }));
  }
  return { ended, go };
}

function isZeroArgs(args: DlmemArgs): boolean {
  const nsid = args.nsid;
  const baseNs = nsid === undefined || nsid === 'LM_ID_BASE' || (typeof nsid === 'object' && 'raw' in nsid && nsid.raw === 0);
  return (args.soname ?? null) === null && baseNs && (args.flags ?? []).length === 0 && (args.extraFlagBits ?? 0) === 0
    && args.premap === undefined;
}

/** dlm_args: NULL, all zero, or fields (dlmem.args.null-args, dlmem.args.zero-args). */
function argsStep(req: DlmemRequest): Fork<DlmemRequest> {
  const args = req.call.args;
  if (args === null) return goOn(withOk(req, ['dlmem.args.null-args']));
  const cites: ClauseId[] = isZeroArgs(args) ? ['dlmem.args.zero-args'] : [];
  const genbuf = (args.flags ?? []).includes('DLMEM_GENBUF_SRC') && req.world.profile.has('dlmem.args.unaligned-genbuf');
  return goOn(withOk(req, cites, { soname: args.soname ?? undefined, genbuf, premap: args.premap }));
}

/** A buffer that is not page-aligned needs DLMEM_GENBUF_SRC (dlmem.args.unaligned-buffer). */
function alignmentStep(req: DlmemRequest): Fork<DlmemRequest> {
  if (req.region.aligned && req.offset % req.world.pageSize === 0) return goOn(req);
  if (req.genbuf) return goOn(withOk(req, ['dlmem.args.unaligned-genbuf']));
  return end([qualify(failure(req.state, NULL, 'EINVAL', ['dlmem.args.unaligned-buffer']), req.route)]);
}

/** A size smaller than an ELF header fails without reading the buffer (dlmem.args.size-zero). */
function sizeStep(req: DlmemRequest): Fork<DlmemRequest> {
  if (req.size >= 64) return goOn(req);
  return end([qualify(failure(req.state, NULL, 'unspecified', ['dlmem.args.size-zero']), req.route)]);
}

/** Flag bits the profile does not define: EINVAL or ignored (dlmem.args.flags-unknown). */
function flagsStep(req: DlmemRequest): Fork<DlmemRequest> {
  const args = req.call.args;
  const genbufUnknown = (args?.flags ?? []).includes('DLMEM_GENBUF_SRC') && !req.world.profile.has('dlmem.args.unaligned-genbuf');
  if ((args?.extraFlagBits ?? 0) === 0 && !genbufUnknown) return goOn(req);
  const gap = 'an unknown dlm_args->flags bit may be rejected or ignored (dlmem.args.flags-unknown)';
  return {
    ended: [qualify(failure(req.state, NULL, 'EINVAL', ['dlmem.args.flags-unknown'], 'unspecified', gap), req.route)],
    go: [withRoute(req, along(req.route, 'unspecified', ['dlmem.args.flags-unknown'], gap))],
  };
}

/** The namespace: LM_ID_BASE, LM_ID_NEWLM, an existing one, or an invalid id. */
function nsidStep(req: DlmemRequest): Fork<DlmemRequest> {
  const target = resolveNs(req.state, req.call.args?.nsid ?? 'LM_ID_BASE');
  if (target.kind === 'invalid') {
    return end([qualify(failure(req.state, NULL, 'EINVAL', ['dlmem.args.nsid-invalid']), req.route)]);
  }
  if (target.kind === 'unknown') {
    return end([qualify(unspecified(req.state, { kind: 'any' }, ['dlmem.args.nsid-existing'],
      'the namespace id comes from an outcome the model does not determine', { error: { kind: 'any' } }), req.route)]);
  }
  return goOn(withOk(req, [target.cite], { ns: target.ns, newNamespace: target.create, nsBy: target.cite }));
}

/** What a namespace argument resolves to, with the dlmem clause that gives it its meaning. */
export type NsTarget =
  | { readonly kind: 'ns'; readonly ns: number; readonly create: boolean; readonly cite: ClauseId }
  | { readonly kind: 'invalid' } | { readonly kind: 'unknown' };

/** Resolves a namespace argument against the namespaces that exist (dlmem.args.nsid-*). */
export function resolveNs(state: ModelState, nsid: NsRef): NsTarget {
  const target = resolveNamespace(state, nsid);
  if (target.kind !== 'ns') return target;
  const cite: ClauseId = target.ns === 0 ? 'dlmem.args.nsid-base' : target.create ? 'dlmem.args.nsid-newlm' : 'dlmem.args.nsid-existing';
  return { ...target, cite };
}

/** DLMEM_DONTREPLACE without premap: an error or ignored (dlmem.place.dontreplace-no-premap). */
function dontreplaceStep(req: DlmemRequest): Fork<DlmemRequest> {
  if (!(req.call.args?.flags ?? []).includes('DLMEM_DONTREPLACE')) return goOn(req);
  if (req.premap !== undefined) return goOn({ ...req, dontreplace: true });
  const gap = 'DLMEM_DONTREPLACE without premap may be an error or ignored (dlmem.place.dontreplace-no-premap)';
  return {
    ended: [qualify(failure(req.state, NULL, 'unspecified', ['dlmem.place.dontreplace-no-premap'], 'unspecified', gap), req.route)],
    go: [withRoute(req, along(req.route, 'unspecified', ['dlmem.place.dontreplace-no-premap'], gap))],
  };
}
