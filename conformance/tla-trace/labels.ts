/**
 * Labels: each model call as the TLA+ action it is and that action's argument, computed from the
 * call and the state before it (never from the outcome). The action names are the same in both
 * modules: CallerMemory, CallerCode, DlerrorCall, Dlopen, Dlclose, Dlsym, Dlinfo; Dlmem and
 * DlmemFile in Dlmem.tla; Dlrelocate, DlsetObjectBase, CopyObject and ReleaseOld in Norelocate.tla.
 *
 * @module
 */
import type { Call, CallOf, Mode, NsRef } from '../../model/types/calls.js';
import type { ModelState, Region } from '../../model/types/state.js';
import type { World } from '../../model/world/world.js';
import { isLive, objectAt } from '../../model/state/objects.js';
import { contentBytes, factsOf, imageAt, imageBytes, imageExtent, neededBytes } from '../../model/transitions/lib/image.js';
import { hasBinding } from '../../model/transitions/lib/mode.js';
import { type Value, recordOf, setOf } from '../../spec/tlacheck/values.js';

/** A TLA+ action applied to arguments. */
export interface Label {
  /** The action's name. */
  readonly action: string;
  /** Its arguments. */
  readonly args: readonly Value[];
}

const FLAGS: Readonly<Record<string, string>> = {
  RTLD_NOLOAD: 'NOLOAD', RTLD_NODELETE: 'NODELETE', RTLD_GLOBAL: 'GLOBAL', RTLD_NORELOCATE: 'NORELOCATE',
};

/** The calls whose code is the caller's own: only the kind of what they return is kept. */
export const OWN_CODE: ReadonlySet<Call['type']> = new Set(['call', 'read-data', 'write-data', 'dladdr']);

const REQUESTS: ReadonlyMap<number | string, string> = new Map<number | string, string>([
  [1, 'LMID'], [2, 'LINKMAP'], [6, 'ORIGIN'], [12, 'MAPINFO'], [13, 'DEPLIST'],
  ['RTLD_DI_LMID', 'LMID'], ['RTLD_DI_LINKMAP', 'LINKMAP'], ['RTLD_DI_ORIGIN', 'ORIGIN'], ['RTLD_DI_MAPINFO', 'MAPINFO'],
  ['RTLD_DI_DEPLIST', 'DEPLIST'],
]);

/** A mode's flags as the modules name them, and whether it lacks a binding or has bits no name covers. */
function modeFields(mode: Mode): { readonly mode: Value; readonly bad: boolean } {
  return {
    mode: setOf(mode.flags.flatMap((f) => (FLAGS[f] === undefined ? [] : [FLAGS[f] as string]))),
    bad: !hasBinding(mode) || (mode.extraBits ?? 0) !== 0,
  };
}

/** The TLA object a handle variable names (0 for none): a bound handle, or an entry of a bound Dl_deplist. */
export function handleIndex(state: ModelState, name: string): number {
  const value = state.vars.get(name);
  if (value?.kind === 'handle') return value.object + 1;
  const entry = /^(.+)\[(\d+)\]$/.exec(name);
  const list = entry === null ? undefined : state.vars.get(entry[1] as string);
  const id = list?.kind === 'deplist' ? list.objects[Number((entry as RegExpExecArray)[2])] : undefined;
  return id !== undefined && isLive(objectAt(state, id)) ? id + 1 : 0;
}

/** A namespace argument as a number (-1 LM_ID_NEWLM), or "unknown" when an unknown outcome bound it. */
function nsOf(state: ModelState, nsid: NsRef | undefined): Value {
  if (nsid === undefined || nsid === 'LM_ID_BASE') return 0;
  if (nsid === 'LM_ID_NEWLM') return -1;
  if ('raw' in nsid) return nsid.raw;
  const v = state.vars.get(nsid.var);
  return v?.kind === 'ns' ? v.ns : v?.kind === 'int' ? v.value : v?.kind === 'unknown' ? 'unknown' : -99;
}

/** How far `size` bytes reach into the image: "small" (no ELF header), "headers", "load" (a PT_LOAD cut) or "ok". */
function sizeClass(world: World, image: string | undefined, size: number): string {
  if (size < 64) return 'small';
  if (image === undefined) return 'ok';
  const facts = factsOf(world, image);
  if (!facts.elf.ok) return 'ok';
  if (size < facts.elf.elf.headersEnd) return 'headers';
  return size < neededBytes(world, image) ? 'load' : 'ok';
}

/** dlmem's label: the buffer, how it is aligned and bounded, the image it holds, and the arguments. */
function dlmemLabel(state: ModelState, call: CallOf<'dlmem'>, world: World): Value {
  const region = call.buffer === null ? undefined : state.regions.get(call.buffer.region);
  const offset = call.buffer?.offset ?? 0;
  const image = region === undefined ? undefined : imageAt(region, offset);
  const size = region === undefined ? 0 : typeof call.size === 'number' ? call.size
    : call.size === 'region' || image === undefined ? region.length - offset
    : call.size === 'needed' ? neededBytes(world, image) : imageBytes(world, image);
  const args = call.args;
  const flags = (args?.flags ?? []).map((f) => (f === 'DLMEM_DONTREPLACE' ? 'DONTREPLACE' : 'GENBUF'));
  return recordOf({
    buf: call.buffer === null ? 'NULL' : call.buffer.region, off: offset % world.pageSize === 0,
    fits: region !== undefined && offset >= 0 && offset <= region.length && size <= region.length - offset,
    img: image ?? '', size: sizeClass(world, image, size), ...modeFields(call.mode), soname: args?.soname ?? '',
    ns: nsOf(state, args?.nsid), flags: setOf(flags), extra: (args?.extraFlagBits ?? 0) !== 0, premap: args?.premap ?? 'none',
  });
}

/** fdlopen's and dlopen_with_offset's label: dlmem's fields for the source they make, and whether there is none. */
function fileLabel(call: CallOf<'fdlopen'> | CallOf<'dlopen-with-offset'>, world: World): Value {
  let kind = 'file-private';
  let image: string | undefined;
  let size: number;
  let empty: boolean;
  if (call.type === 'fdlopen') {
    size = contentBytes(world, call.file);
    empty = size === 0;
    image = imageAt({ content: call.file, contentAt: 0 } as Region, 0);
  } else {
    const whole = imageBytes(world, call.container);
    size = call.length === 'image' || call.length === 'rest' ? whole : call.length;
    empty = call.offset < 0 || size > whole;
    image = call.container;
    if (call.offset % world.pageSize !== 0) kind = 'anon-shared';
  }
  return recordOf({
    kind, empty, buf: '#source', off: true, fits: true, img: image ?? '', size: sizeClass(world, image, size),
    ...modeFields(call.mode), soname: '', ns: 0, flags: setOf([]), extra: false, premap: 'none',
  });
}

/** The label of `call` made from `state`. */
export function labelOf(state: ModelState, call: Call, world: World): Label {
  const one = (action: string, arg?: Value): Label => ({ action, args: arg === undefined ? [] : [arg] });
  const memory = (fields: Readonly<Record<string, Value>>): Label => one('CallerMemory', recordOf(fields));
  const region = 'region' in call && typeof call.region === 'string' ? state.regions.get(call.region) : undefined;
  switch (call.type) {
    case 'mmap-file':
      return memory({ op: 'map', r: call.as, kind: call.shared ? 'file-shared' : 'file-private', rd: call.prot.r, wr: call.prot.w, aligned: true });
    case 'mmap-anon':
      return memory({ op: 'map', r: call.as, kind: call.shared ? 'anon-shared' : 'anon-private', rd: call.prot.r, wr: call.prot.w, aligned: true });
    case 'memfd': return memory({ op: 'map', r: call.as, kind: 'memfd-shared', rd: call.prot.r, wr: call.prot.w, aligned: true });
    case 'malloc':
      return memory({ op: 'map', r: call.as, kind: 'heap', rd: true, wr: true, aligned: (call.misalign ?? 0) % world.pageSize === 0 });
    case 'copy-in': {
      const offset = call.offset ?? 0;
      return memory({ op: 'write', r: call.region, fits: region !== undefined && offset >= 0 && offset + contentBytes(world, call.content) <= region.length });
    }
    case 'memmove': return memory({ op: 'write', r: call.region, fits: region !== undefined && Math.abs(call.shift) < region.length });
    case 'mprotect': return memory({ op: 'protect', r: call.region, rd: call.prot.r, wr: call.prot.w });
    case 'munmap': {
      const info = state.vars.get(call.region);
      if (region === undefined && info?.kind === 'mapinfo') return one('ReleaseOld', info.object + 1);
      return memory({ op: 'unmap', r: call.region });
    }
    case 'copy-object': {
      const h = handleIndex(state, call.handle);
      const target = state.regions.get(call.to);
      const object = h === 0 ? undefined : objectAt(state, h - 1);
      const length = object === undefined || object.system ? 0 : imageExtent(world, object.image).length;
      return one('CopyObject', recordOf({ h, r: call.to, fits: target !== undefined && target.length >= length }));
    }
    case 'dlopen': return one('Dlopen', recordOf({ dl: 'dlopen', file: call.file ?? 'NULL', ns: 0, ...modeFields(call.mode) }));
    case 'dlmopen': return one('Dlopen', recordOf({ dl: 'dlmopen', file: call.file, ns: nsOf(state, call.nsid), ...modeFields(call.mode) }));
    case 'dlmem': return one('Dlmem', dlmemLabel(state, call, world));
    case 'fdlopen': case 'dlopen-with-offset': return one('DlmemFile', fileLabel(call, world));
    case 'dlsym': return one('Dlsym', call.handle === 'RTLD_DEFAULT' ? -1 : handleIndex(state, call.handle));
    case 'dlinfo':
      return { action: 'Dlinfo', args: [handleIndex(state, call.handle), REQUESTS.get(call.request) ?? 'bad'] };
    case 'dlrelocate': return one('Dlrelocate', recordOf({ h: handleIndex(state, call.handle), base: call.base ?? '' }));
    case 'dlset-object-base': {
      const offset = call.base?.offset ?? 0;
      return one('DlsetObjectBase', recordOf({
        h: handleIndex(state, call.handle), r: call.base === null ? 'NULL' : call.base.region,
        off: offset % world.pageSize === 0, zero: offset === 0,
      }));
    }
    case 'dlclose': return one('Dlclose', handleIndex(state, call.handle));
    case 'dlerror': return one('DlerrorCall');
    case 'call': case 'read-data': case 'write-data': case 'dladdr': return one('CallerCode');
  }
}
