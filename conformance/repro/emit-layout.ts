/**
 * A layout requirement as C: the predicted ranges and the expected backing written as a
 * `struct lspec` literal, and the part judged, for the checker in c/layout.c.
 *
 * @module
 */
import { protString } from '../../model/layout/index.js';
import type { LayoutCheck, UnloadedCheck } from '../oracle/requirements/layout-types.js';
import { cString } from './c-text.js';

const BACKING = { any: 'B_ANY', 'file-or-copy': 'B_FILE_OR_COPY', anon: 'B_ANON', 'premap-kept': 'B_PREMAP_KEPT' } as const;
const PART = { present: 'P_PRESENT', readable: 'P_READABLE', prot: 'P_PROT', gaps: 'P_GAPS', backing: 'P_BACKING', offsets: 'P_OFFSETS', base: 'P_BASE', align: 'P_ALIGN', visible: 'P_VISIBLE' } as const;

/**
 * The C condition of a layout or unload requirement; `movedAt`, for the base of a moved object,
 * is the C expression of the address dlset_object_base recorded.
 */
export function layoutCondition(c: LayoutCheck | UnloadedCheck, movedAt?: string): string {
  if (c.kind === 'unloaded') return `layout_unloaded(${c.fileName === undefined ? 'NULL' : cString(c.fileName)}, ${c.span})`;
  const l = c.layout;
  const entries = l.predicted.map((e) => (e.kind === 'gap'
    ? `{${e.start}, ${e.end}, 1, 0, "---", 0}`
    : `{${e.start}, ${e.end}, 0, ${e.part === 'file' ? 1 : 0}, "${protString(e.protAfter)}", ${e.fileOffset ?? 0}}`));
  const b = l.backing;
  const fileOffset = b.kind === 'file-or-copy' ? b.fileOffset : 0;
  const shared = b.kind === 'premap-kept' ? Number(b.shared) : 0;
  const sharedAllowed = b.kind === 'file-or-copy' ? Number(b.sharedAllowed) : 0;
  const memfd = b.kind === 'file-or-copy' && b.source === 'memfd' ? 1 : 0;
  const spec = `&(struct lspec){${l.fileName === undefined ? 'NULL' : cString(l.fileName)}, ${l.span}, ${l.extentStart}, ` +
    `${l.phase === 'relocated' ? 1 : 0}, ${BACKING[b.kind]}, ${shared}, ${sharedAllowed}, ${memfd}, ${l.premap ?? -1}, ${l.page}, ${fileOffset}, ` +
    `(const struct pentry[]){${entries.join(', ')}}, ${entries.length}}`;
  return movedAt === undefined ? `layout_part(${spec}, ${PART[c.part]})` : `layout_moved_to(${spec}, ${movedAt})`;
}
