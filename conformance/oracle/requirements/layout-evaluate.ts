/**
 * Evaluating layout requirements: find the observed object a model object is (bound by its
 * extent once judged), then compare its /proc/self/maps lines with the predicted layout
 * (model/layout/match.ts) part by part.
 *
 * @module
 */
import { type MapsLine, type Mismatch, type Prot, isFileBacked, matchMaps, mergeMaps, protString } from '../../../model/layout/index.js';
import type { DriverObject, MapsLine as DriverMapsLine, StepLine } from '../../protocol.js';
import { type Binding, withExtent } from '../binding.js';
import type { CheckResult } from './evaluate.js';
import type { LayoutCheck, ObjectLayout, UnloadedCheck } from './layout-types.js';

const extentKey = (o: DriverObject): string => `${o.start ?? '?'}-${o.end ?? '?'}`;
const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const protOf = (text: string): Prot => ({ r: text[0] === 'r', w: text[1] === 'w', x: text[2] === 'x' });

/** The driver's maps lines as the layout module's (`anon` for anonymous memory). */
export function modelLines(maps: readonly DriverMapsLine[]): MapsLine[] {
  return maps.map((m) => ({
    start: Number(m.start), end: Number(m.end), prot: protOf(m.prot), shared: m.shared,
    offset: m.offset, dev: '', inode: 0, path: m.path === '' ? 'anon' : m.path.replace(/^\/memfd:/, 'memfd:').replace(/ \(deleted\)$/, ''),
    deleted: m.path.endsWith(' (deleted)'),
  }));
}

/** Whether the observed object can be the model object: same extent length, and its file name when it has one. */
function fits(o: DriverObject, fileName: string | undefined, span: number, others: readonly string[] = []): boolean {
  if (o.start === undefined || o.end === undefined || Number(o.end) - Number(o.start) !== span) return false;
  return fileName === undefined ? !others.includes(baseName(o.name)) : baseName(o.name) === fileName;
}

/** The observed objects the model object may be: the one it is bound to, else every unbound one that fits. */
function candidates(list: readonly DriverObject[], object: number, fileName: string | undefined, span: number, binding: Binding, moves = false,
  others: readonly string[] = []): DriverObject[] {
  const bound = binding.extents.get(object);
  const same = bound === undefined ? [] : list.filter((o) => extentKey(o) === bound);
  // An object moved by dlset_object_base (`moves`) is found again at its new extent.
  if (bound !== undefined && (same.length > 0 || !moves)) return same;
  const taken = new Set([...binding.extents].filter(([id]) => id !== object).map(([, key]) => key));
  return list.filter((o) => !taken.has(extentKey(o)) && fits(o, fileName, span, others));
}

const show = (lines: readonly MapsLine[]): string =>
  lines.map((l) => `${l.start.toString(16)}-${l.end.toString(16)} ${protString(l.prot)}${l.shared ? 's' : 'p'} ${l.offset.toString(16)} ${l.path}`).join('; ');

/** The predicted ranges at `base`, as maps-like text (`7f…-7f… r-x file@0`, `gap`). */
function predictedText(layout: ObjectLayout, base: number): string {
  return layout.predicted.map((e) => `${(base + e.start).toString(16)}-${(base + e.end).toString(16)} ${e.kind === 'gap' ? 'gap'
    : `${protString(layout.phase === 'relocated' ? e.protAfter : e.protBefore)} ${e.part === 'file' ? `file@${(e.fileOffset ?? 0).toString(16)}` : 'bss'}`}`).join('; ');
}

/** The mismatches of one part. */
function partMismatches(part: LayoutCheck['part'], all: readonly Mismatch[]): Mismatch[] {
  switch (part) {
    case 'present': return all.filter((m) => m.kind === 'missing-range');
    case 'readable': return all.filter((m) => m.kind === 'wrong-protection' && m.clause === 'noreloc.defer.readable');
    case 'prot': return all.filter((m) => m.kind === 'wrong-protection' && m.clause !== 'noreloc.defer.readable');
    case 'gaps': return all.filter((m) => m.kind === 'accessible-gap');
    default: return [];
  }
}

/** How the segment pages are backed: each piece of a predicted segment range classified. */
function backings(layout: ObjectLayout, lines: readonly MapsLine[], base: number, filePartOnly: boolean): Set<string> {
  const kinds = new Set<string>();
  for (const e of layout.predicted) {
    if (e.kind !== 'segment' || (filePartOnly && e.part !== 'file')) continue;
    for (const l of lines) {
      if (l.end <= base + e.start || l.start >= base + e.end) continue;
      kinds.add(`${l.path.startsWith('memfd:') ? 'memfd' : isFileBacked(l) ? 'file' : 'anon'}-${l.shared ? 'shared' : 'private'}`);
    }
  }
  return kinds;
}

/** The zero-copy or copy decision of dlmem.place.zero-copy, or undefined when the pages are neither. */
function zeroCopyChoice(layout: ObjectLayout, lines: readonly MapsLine[], base: number): 'zero-copy' | 'copy' | undefined {
  const b = layout.backing;
  if (b.kind !== 'file-or-copy') return undefined;
  const file = backings(layout, lines, base, true);
  const allowed = b.sharedAllowed ? [`${b.source}-private`, `${b.source}-shared`] : [`${b.source}-private`];
  if (file.size > 0 && [...file].every((k) => allowed.includes(k))) return 'zero-copy';
  const all = backings(layout, lines, base, false);
  return all.size > 0 && [...all].every((k) => k === 'anon-private') ? 'copy' : undefined;
}

function judgePart(c: LayoutCheck, o: DriverObject, obs: StepLine): CheckResult {
  const layout = c.layout;
  const lines = mergeMaps(modelLines(o.maps ?? []));
  const base = Number(o.base);
  const b = layout.backing;
  const seen = `predicted ${predictedText(layout, base)}; observed ${show(lines)}`;
  switch (c.part) {
    case 'visible': return { result: 'pass' }; // evaluateLayout judges it: an object fits at all
    case 'present': case 'readable': case 'prot': case 'gaps': {
      const found = partMismatches(c.part, matchMaps(layout.predicted, lines, base, { phase: layout.phase }));
      return found.length === 0 ? { result: 'pass' } : { result: 'fail', detail: `${found.map((m) => m.detail).join('; ')} (${seen})` };
    }
    case 'backing': {
      if (b.kind === 'file-or-copy') {
        const choice = zeroCopyChoice(layout, lines, base);
        return choice !== undefined ? { result: 'pass', choice }
          : { result: 'fail', detail: `segment pages are ${[...backings(layout, lines, base, false)].join(' and ')}: neither private mappings of the source file nor anonymous copies (${seen})` };
      }
      const kinds = [...backings(layout, lines, base, b.kind !== 'premap-kept')];
      const ok = b.kind === 'anon' ? kinds.every((k) => k === 'anon-private')
        : b.kind === 'premap-kept' ? kinds.every((k) => (b.shared ? k.endsWith('-shared') : k === 'anon-private')) : true;
      const want = b.kind === 'anon' || (b.kind === 'premap-kept' && !b.shared) ? 'private anonymous memory' : "the premap mapping's shared memory";
      return ok ? { result: 'pass' } : { result: 'fail', detail: `expected ${want}, segment pages are ${kinds.join(' and ')} (${seen})` };
    }
    case 'offsets': {
      if (b.kind !== 'file-or-copy' || zeroCopyChoice(layout, lines, base) !== 'zero-copy') return { result: 'skip' };
      const found = matchMaps(layout.predicted, lines.map((l) => ({ ...l, shared: false })), base, { backing: 'file', fileOffsetBias: b.fileOffset })
        .filter((m) => m.kind === 'wrong-file-offset');
      return found.length === 0 ? { result: 'pass' } : { result: 'fail', detail: `${found.map((m) => m.detail).join('; ')} (${seen})` };
    }
    case 'align': {
      const start = Number(o.start ?? o.base);
      if (start % layout.page !== 0) return { result: 'fail', detail: `the extent starts at ${o.start ?? o.base}, not a multiple of the page size` };
      if (layout.align <= layout.page) return { result: 'pass' };
      return { result: 'pass', choice: start % layout.align === 0 ? 'honours p_align' : 'page size' };
    }
    case 'base': {
      if (layout.movedTo !== undefined) {
        const at = obs.regions[layout.movedTo]?.start;
        if (at === undefined || o.start === undefined) return { result: 'skip' };
        return Number(at) === Number(o.start) ? { result: 'pass' } : { result: 'fail', detail: `the recorded base is ${at}, the object's extent starts at ${o.start}` };
      }
      const p = layout.premap === undefined ? undefined : obs.premap[layout.premap];
      if (p === undefined || o.start === undefined) return { result: 'skip' };
      return Number(p.ret) === Number(o.start) ? { result: 'pass' } : { result: 'fail', detail: `premap returned ${p.ret}, the object's extent starts at ${o.start}` };
    }
  }
}

/** Evaluates a layout or unload requirement against `obs`. */
export function evaluateLayout(c: LayoutCheck | UnloadedCheck, obs: StepLine, binding: Binding): CheckResult {
  if (c.kind === 'unloaded') {
    const gone = candidates(obs.gone, c.object, c.fileName, c.span, binding);
    const left = gone.map((g) => ({ g, lines: g.maps ?? [] }));
    if (left.some((x) => x.lines.length === 0)) return { result: 'pass' };
    const still = candidates(obs.objects, c.object, c.fileName, c.span, binding);
    if (gone.length === 0) return still.length > 0 ? { result: 'fail', detail: `object #${c.object} is still loaded at ${extentKey(still[0] as DriverObject)}` } : { result: 'skip' };
    return { result: 'fail', detail: `left mapped where object #${c.object} was: ${show(modelLines(left[0]?.lines ?? []))}` };
  }
  const found = candidates(obs.objects, c.layout.object, c.layout.fileName, c.layout.span, binding, c.layout.moved === true, c.layout.fileObjects);
  if (c.part === 'visible') {
    if (found.length > 0) return { result: 'pass' };
    return obs.objects.length > 0 ? { result: 'fail', detail: `no object of ${c.layout.span} bytes that is not another's shows in dl_iterate_phdr` } : { result: 'skip' };
  }
  // No observed object fits (its program headers unreadable after a move, or a trace that lists no
  // objects): nothing to compare, so nothing is judged.
  if (found.length === 0) return { result: 'skip' };
  // Several unbound objects fit (the same image loaded twice): the first that passes this part is it.
  let first: CheckResult | undefined;
  for (const o of found) {
    const r = judgePart(c, o, obs);
    const bound = { ...r, binding: withExtent(binding, c.layout.object, extentKey(o)) };
    if (r.result !== 'fail') return bound;
    first ??= bound;
  }
  return first as CheckResult;
}
