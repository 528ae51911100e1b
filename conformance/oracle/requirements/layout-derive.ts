/**
 * The layout requirements of one outcome: for every object the step placed (a new object),
 * moved, relocated after a deferral, or unloaded, the parts of its layout the spec decides, each
 * under the clause that decides it (SPEC.md chapters 3, 9, 10 and 13).
 *
 * Which objects: those loaded by dlmem (and fdlopen and dlopen_with_offset, built on it), and
 * those opened with RTLD_NORELOCATE. A plain dlopen's layout is the loader's own business: no
 * clause speaks of it.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import { extentOf, predictLayout } from '../../../model/layout/index.js';
import type { Call } from '../../../model/types/calls.js';
import type { LoadedObject, ModelState } from '../../../model/types/state.js';
import type { World } from '../../../model/world/world.js';
import type { Allowed } from './derive.js';
import type { LayoutBacking, LayoutPart, ObjectLayout } from './layout-types.js';
import type { Requirement } from './types.js';

/** Every clause a layout requirement can rest on: the layout's, never a return value's or an event's. */
export const LAYOUT_DOMAIN: ReadonlySet<ClauseId> = new Set<ClauseId>([
  'dlmem.place.layout', 'dlmem.place.protections', 'dlmem.place.gaps', 'dlmem.place.align', 'dlmem.place.zero-copy',
  'dlmem.place.file-offsets', 'dlmem.place.genbuf-copy', 'dlmem.place.dontreplace',
  'dlmem.place.premap-base', 'fdlopen.def.maps-file', 'dlopen-offset.def.aligned', 'noreloc.defer.relocation',
  'noreloc.defer.readable', 'noreloc.defer.final-protections', 'noreloc.defer.deps-loaded', 'noreloc.setbase.final-layout', 'dlmem.close.refcount',
  'base.dlclose.unload',
]);

/** Whether the spec says anything of this object's layout. */
function judged(object: LoadedObject): boolean {
  return !object.system && (object.via === 'dlmem' || object.mode.flags.includes('RTLD_NORELOCATE') || object.placement.kind === 'moved');
}

/** Whether `after` is a new placement of the object, or a change the layout must show. */
function changed(before: LoadedObject | undefined, after: LoadedObject): boolean {
  if (before === undefined || before.status === 'closed') return true;
  return before.status !== after.status || before.placement.kind !== after.placement.kind;
}

/** How the object's pages must be backed, by its model backing and the call's flags. */
function backingOf(object: LoadedObject, premapShared: boolean, genbuf: boolean): LayoutBacking {
  switch (object.backing) {
    case 'zero-copy-or-copy': {
      const source = object.source;
      if (source?.fileOffset === undefined) return { kind: 'any' };
      // Into a shared premap mapping without DLMEM_DONTREPLACE, whether the pages still share its
      // backing is unspecified (dlmem.place.premap-replaced): nothing to judge.
      if (object.placement.kind === 'premap' && premapShared) return { kind: 'any' };
      return { kind: 'file-or-copy', fileOffset: source.fileOffset, sharedAllowed: source.kind !== 'file-private', source: source.kind === 'memfd-shared' ? 'memfd' : 'file' };
    }
    // DLMEM_GENBUF_SRC copies into private anonymous memory (dlmem.place.genbuf-copy); another
    // copied source (private anonymous, heap) is not promised any backing.
    case 'copy': return genbuf ? { kind: 'anon' } : { kind: 'any' };
    // A kept premap mapping keeps its backing: shared memory for memfd-shared, else the private
    // anonymous memory the other premap behaviours map (dlmem.premap.dontreplace-copy).
    case 'premap-kept': return { kind: 'premap-kept', shared: premapShared };
    default: return { kind: 'any' };
  }
}

/** The clause each part of the layout rests on for this object and call, or undefined when none judges it. */
function partClauses(call: Call, object: LoadedObject, genbuf: boolean, layout: ObjectLayout, world: World): Partial<Record<LayoutPart, ClauseId>> {
  const clauses: Partial<Record<LayoutPart, ClauseId>> = {};
  const moved = object.placement.kind === 'moved';
  if (layout.phase === 'unrelocated') {
    // Before relocation only readability is promised (noreloc.defer.final-protections).
    // A dependency loaded with the object is mapped before dlopen returns (noreloc.defer.deps-loaded).
    const dependency = object.via === 'dependency' && world.profile.has('noreloc.defer.deps-loaded');
    clauses.present = object.via === 'dlmem' ? 'dlmem.place.layout' : dependency ? 'noreloc.defer.deps-loaded' : 'noreloc.defer.relocation';
    clauses.readable = 'noreloc.defer.readable';
  } else if (moved) {
    clauses.present = 'noreloc.setbase.final-layout';
    clauses.prot = 'noreloc.setbase.final-layout';
    clauses.base = 'noreloc.setbase.records';
  } else if (object.via === 'dlmem') {
    clauses.present = 'dlmem.place.layout';
    clauses.prot = 'dlmem.place.protections';
    clauses.gaps = 'dlmem.place.gaps';
  } else {
    clauses.prot = 'noreloc.defer.final-protections';
  }
  if (object.via !== 'dlmem' || moved) return clauses;
  const b = layout.backing;
  if (b.kind === 'file-or-copy') {
    clauses.backing = 'dlmem.place.zero-copy';
    clauses.offsets = call.type === 'fdlopen' ? 'fdlopen.def.maps-file'
      : call.type === 'dlopen-with-offset' ? 'dlopen-offset.def.aligned' : 'dlmem.place.file-offsets';
  } else if (genbuf && b.kind !== 'premap-kept') {
    clauses.backing = 'dlmem.place.genbuf-copy';
  } else if (b.kind === 'premap-kept') {
    clauses.backing = b.shared ? 'dlmem.place.dontreplace' : 'dlmem.premap.dontreplace-copy';
  }
  if (layout.premap !== undefined) clauses.base = 'dlmem.place.premap-base';
  else if (object.placement.kind === 'loader') clauses.align = 'dlmem.place.align';
  return clauses;
}

const PART_TEXT: Record<LayoutPart, string> = {
  present: 'every page of every segment is mapped',
  readable: 'every segment page of the unrelocated object is readable',
  prot: 'each segment page has the protections its p_flags give',
  gaps: 'the space between segments is inaccessible or unmapped',
  backing: 'the segment pages are backed as the flags and source decide',
  offsets: 'file-backed segment pages map the file at their segment offsets',
  base: 'the lowest PT_LOAD page is at the address premap returned, or at the base dlset_object_base recorded',
  align: 'the base is a multiple of the page size (and of p_align, when the loader honours it)',
  visible: 'the object appears in dl_iterate_phdr',
};


/** The file names of the live objects loaded from files (a dlmem object is none of them). */
function fileObjectNames(objects: readonly LoadedObject[], world: World): string[] {
  return objects.flatMap((o) => (o.via === 'dlmem' || o.status === 'closed' ? [] : world.images.get(o.image)?.fileName ?? []));
}

/** The layout of `object` as the outcome leaves it. */
function objectLayout(call: Call, a: Allowed, object: LoadedObject, world: World): Requirement[] {
  const facts = world.images.get(object.image);
  if (facts === undefined || !facts.elf.ok || facts.elf.elf.loads.length === 0) return [];
  const elf = facts.elf.elf;
  const effects = a.outcome.effects.filter((e) => e.kind === 'premap-call');
  const premapIndex = effects.findIndex((e) => e.kind === 'premap-call' && e.object === object.id);
  const premapShared = call.type === 'dlmem' && call.args?.premap === 'memfd-shared';
  const genbuf = call.type === 'dlmem' && (call.args?.flags ?? []).includes('DLMEM_GENBUF_SRC');
  const extent = extentOf(elf, world.pageSize);
  const layout: ObjectLayout = {
    object: object.id, fileName: object.via === 'dlmem' ? undefined : facts.fileName, span: extent.length, extentStart: extent.start,
    predicted: predictLayout(elf, world.pageSize), phase: object.status === 'relocated' ? 'relocated' : 'unrelocated',
    backing: backingOf(object, premapShared, genbuf), premap: premapIndex >= 0 && object.placement.kind === 'premap' ? premapIndex : undefined,
    page: world.pageSize, align: extent.align, ...(object.placement.kind === 'moved' ? { moved: true } : {}),
    ...(object.placement.kind === 'moved' && object.status === 'relocated' ? { movedTo: object.placement.region } : {}),
    ...(object.via === 'dlmem' ? { fileObjects: fileObjectNames(a.outcome.next.objects, world) } : {}),
  };
  const clauses = partClauses(call, object, genbuf, layout, world);
  // A new dlmem object of the base namespace shows in dl_iterate_phdr like any other (dlmem.names.visible).
  if (object.via === 'dlmem' && object.ns === 0 && a.before.objects[object.id] === undefined) clauses.visible = 'dlmem.names.visible';
  return (Object.entries(clauses) as [LayoutPart, ClauseId][]).map(([part, clause]) =>
    ({ check: { kind: 'layout', part, layout }, clauses: [clause], divergence: 'wrong-layout', text: PART_TEXT[part] }));
}

/** After an unload by the loader of an object it placed itself: nothing of it is left mapped. */
function unloaded(o: ModelState, id: number, world: World): Requirement[] {
  const object = o.objects[id];
  if (object === undefined || !judged(object) || object.placement.kind !== 'loader') return [];
  const facts = world.images.get(object.image);
  if (facts === undefined || !facts.elf.ok) return [];
  const clause: ClauseId = object.via === 'dlmem' ? 'dlmem.close.refcount' : 'base.dlclose.unload';
  return [{
    check: { kind: 'unloaded', object: id, fileName: object.via === 'dlmem' ? undefined : facts.fileName, span: extentOf(facts.elf.elf, world.pageSize).length },
    clauses: [clause], divergence: 'wrong-layout', text: 'nothing of the unloaded object stays mapped',
  }];
}

/** Every layout requirement of the outcome in `a`. */
export function layoutRequirements(call: Call, a: Allowed, world: World): Requirement[] {
  const o = a.outcome;
  if (o.ret.kind === 'null' || o.error.kind === 'error') return [];
  const out: Requirement[] = [];
  for (const object of o.next.objects) {
    if (object.status === 'closed' || object.status === 'failed' || !judged(object)) continue;
    if (!changed(a.before.objects[object.id], object)) continue;
    out.push(...objectLayout(call, a, object, world));
  }
  for (const e of o.effects) if (e.kind === 'unmapped') out.push(...unloaded(o.next, e.object, world));
  return out;
}
