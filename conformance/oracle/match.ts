/**
 * Matching one allowed outcome against one observed step: the return value, the dlerror() report,
 * the constructor and destructor events, the premap calls, the caller's regions and the values a
 * step reads. A mismatch is a value naming its kind and what differs.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import { extentOf, protString } from '../../model/layout/index.js';
import { ownedRegions } from '../../model/state/objects.js';
import type { Call } from '../../model/types/calls.js';
import type { Outcome } from '../../model/types/outcome.js';
import type { ModelState } from '../../model/types/state.js';
import type { World } from '../../model/world/world.js';
import type { StepLine } from '../protocol.js';
import { type Binding, bindHandle } from './binding.js';
import { failed, showsErrno } from './observe.js';
import type { DivergenceKind } from './types.js';

/** The outcome matches (with the binding it implies) or it does not (and why). */
export type MatchResult =
  | { readonly ok: true; readonly binding: Binding }
  | { readonly ok: false; readonly kind: DivergenceKind; readonly detail: string; readonly clauses?: readonly ClauseId[] };

/**
 * An object's extent length as dlmem.premap.maplength defines it: from the start of the page
 * holding the lowest PT_LOAD to the end of the highest, not rounded up.
 */
export function extentBytes(world: World, image: string): number | undefined {
  const facts = world.images.get(image);
  if (facts === undefined || !facts.elf.ok || facts.elf.elf.loads.length === 0) return undefined;
  const start = extentOf(facts.elf.elf, world.pageSize).start;
  const end = facts.elf.elf.loads.reduce((max, l) => Math.max(max, l.p_vaddr + l.p_memsz), 0);
  return end - start;
}

const miss = (kind: DivergenceKind, detail: string, clauses?: readonly ClauseId[]): MatchResult =>
  ({ ok: false, kind, detail, ...(clauses === undefined ? {} : { clauses }) });

function matchRet(call: Call, o: Outcome, obs: StepLine, binding: Binding): MatchResult {
  const ret = o.ret;
  const r = obs.ret;
  const observedInt = call.type === 'call' || call.type === 'read-data'
    ? (obs.value !== undefined && 'int' in obs.value ? obs.value.int : undefined)
    : (r.kind === 'int' ? r.value : undefined);
  switch (ret.kind) {
    case 'any': case 'none': return { ok: true, binding };
    case 'null':
      return r.kind === 'null' ? { ok: true, binding } : miss(failed(obs) ? 'wrong-value' : 'value-not-error', 'the spec requires NULL');
    case 'handle':
      if (r.kind !== 'ptr') return miss('error-not-value', 'the spec requires a handle');
      {
        const bound = bindHandle(binding, ret.object, r.value);
        return bound.ok ? bound : miss('wrong-handle', bound.detail);
      }
    case 'symbol':
      return r.kind === 'ptr' ? { ok: true, binding } : miss('error-not-value', `the spec requires the address of ${ret.name}`);
    case 'int':
      if (observedInt === ret.value) return { ok: true, binding };
      if (observedInt === undefined) return miss('wrong-value', `the spec requires ${ret.value}`);
      return miss(ret.value === -1 ? 'value-not-error' : observedInt === -1 ? 'error-not-value' : 'wrong-value',
        `the spec requires ${ret.value}, got ${observedInt}`);
    case 'nonzero':
      return observedInt !== undefined && observedInt !== 0 ? { ok: true, binding } : miss('wrong-value', 'the spec requires a non-zero return');
    case 'string':
      if (ret.text === null) return r.kind === 'null' ? { ok: true, binding } : miss('wrong-error', `dlerror() should return NULL, got ${JSON.stringify(obs.dlerror)}`);
      if (r.kind === 'null') return miss('wrong-error', 'dlerror() returned NULL where a failure is pending');
      if (ret.text !== 'unspecified' && ret.text in { EINVAL: 1, ENOENT: 1, ENOMEM: 1, ENOEXEC: 1, ELIBBAD: 1 } &&
          !showsErrno(obs, ret.text as 'EINVAL')) {
        return miss('wrong-error', `the message should show ${ret.text}`);
      }
      return { ok: true, binding };
  }
}

function matchError(o: Outcome, obs: StepLine): MatchResult | undefined {
  if (obs.op === 'dlerror' || o.error.kind === 'any') return undefined;
  if (o.error.kind === 'none') {
    return failed(obs) && obs.dlerror !== null ? miss('error-not-value', `unexpected failure: ${JSON.stringify(obs.dlerror)}`) : undefined;
  }
  if (!failed(obs) || obs.dlerror === null) return miss('wrong-error', 'the spec requires a dlerror() message');
  if (o.error.except !== undefined && showsErrno(obs, o.error.except)) {
    return miss('wrong-error', `the failure must not show ${o.error.except} (${JSON.stringify(obs.dlerror)})`, ['noreloc.dlrelocate.failure']);
  }
  if (o.error.errno !== 'unspecified' && !showsErrno(obs, o.error.errno)) {
    return miss('wrong-error', `the failure should show ${o.error.errno} (errno ${obs.errno ?? 'unset'}, ${JSON.stringify(obs.dlerror)})`,
      ['base.dlerror.error-class']);
  }
  return undefined;
}

function matchEvents(o: Outcome, obs: StepLine): MatchResult | undefined {
  const expected = o.effects.flatMap((e) => (e.kind === 'ctor' || e.kind === 'dtor')
    ? [`${e.kind} ${o.next.objects[e.object]?.image ?? `#${e.object}`}`] : []);
  const seen = obs.events.map((e) => `${e.kind} ${e.lib}`);
  return expected.join(', ') === seen.join(', ') ? undefined
    : miss('wrong-events', `expected [${expected.join(', ')}], saw [${seen.join(', ')}]`);
}

function matchPremap(o: Outcome, obs: StepLine, world: World): MatchResult | undefined {
  const calls = o.effects.filter((e) => e.kind === 'premap-call');
  if (calls.length !== obs.premap.length) {
    return miss('wrong-premap', `premap should be called ${calls.length} time(s), was called ${obs.premap.length}`, ['dlmem.premap.called-once']);
  }
  for (const [i, effect] of calls.entries()) {
    const seen = obs.premap[i];
    const length = extentBytes(world, o.next.objects[effect.object]?.image ?? '');
    if (seen === undefined || length === undefined) continue;
    if (seen.maplength !== length) {
      return miss('wrong-premap', `maplength ${seen.maplength}, the object's extent is ${length} bytes`, ['dlmem.premap.maplength']);
    }
    if (seen.mapalign < world.pageSize || (seen.mapalign & (seen.mapalign - 1)) !== 0) {
      return miss('wrong-premap', `mapalign ${seen.mapalign} is not a power of two of at least the page size`, ['dlmem.premap.mapalign']);
    }
    if (!seen.cookie) return miss('wrong-premap', 'premap did not receive the cookie unchanged', ['dlmem.args.cookie']);
  }
  return undefined;
}

function matchRegions(o: Outcome, obs: StepLine, before: ModelState): MatchResult | undefined {
  // A premap mapping or a moved object's range belongs to the object once the call places it there.
  const owned = ownedRegions(before, o.next);
  for (const [name, seen] of Object.entries(obs.regions)) {
    const model = o.next.regions.get(name);
    if (model === undefined || model.kind === 'premap' || owned.has(name) || model.copyOf !== undefined) continue;
    if (model.mapped !== seen.mapped) return miss('source-buffer-changed', `region ${name} should ${model.mapped ? 'still be' : 'no longer be'} mapped`);
    if (!seen.mapped) continue;
    if (seen.unchanged === false) return miss('source-buffer-changed', `the bytes of region ${name} changed`, ['dlmem.source.bytes-unchanged']);
    if (seen.prot !== null && seen.prot !== protString(model.prot)) {
      return miss('source-buffer-changed', `region ${name} is ${seen.prot}, should be ${protString(model.prot)}`, ['dlmem.source.protections-unchanged']);
    }
  }
  return undefined;
}

function matchValue(o: Outcome, obs: StepLine, world: World): MatchResult | undefined {
  const v = o.value;
  const seen = obs.value;
  if (v?.kind !== 'mapinfo' || seen === undefined || !('relocated' in seen)) return undefined;
  if ((seen.relocated !== 0) !== v.relocated) {
    return miss('wrong-value', `MAPINFO.relocated is ${seen.relocated}, should be ${v.relocated ? 1 : 0}`, ['noreloc.mapinfo.relocated']);
  }
  const facts = world.images.get(o.next.objects[v.object]?.image ?? '');
  const length = extentBytes(world, o.next.objects[v.object]?.image ?? '');
  if (facts === undefined || !facts.elf.ok || length === undefined) return undefined;
  const extent = extentOf(facts.elf.elf, world.pageSize);
  if (seen.map_length !== length) {
    return miss('wrong-value', `MAPINFO.map_length is ${seen.map_length}, the object's extent is ${length} bytes`, ['noreloc.mapinfo.extent']);
  }
  if (extent.align === world.pageSize && seen.map_align !== world.pageSize) {
    return miss('wrong-value', `MAPINFO.map_align is ${seen.map_align}, should be the page size`, ['noreloc.mapinfo.align']);
  }
  return undefined;
}

/** Whether `o` (an outcome of `call` from `before`) matches the observed step. */
export function matchOutcome(call: Call, o: Outcome, obs: StepLine, before: ModelState, binding: Binding, world: World): MatchResult {
  if (o.firmness === 'undefined') return { ok: true, binding };
  const ret = matchRet(call, o, obs, binding);
  if (!ret.ok) return ret;
  return matchError(o, obs) ?? matchEvents(o, obs) ?? matchPremap(o, obs, world) ?? matchRegions(o, obs, before)
    ?? matchValue(o, obs, world) ?? ret;
}
