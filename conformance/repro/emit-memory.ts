/**
 * The caller's memory operations of a driver line (mmap-file … munmap, copy-object) as C: calls
 * of the runtime's region helpers (conformance/repro/c/memory.c), which end the program with
 * status 2 when the set-up itself fails.
 *
 * @module
 */
import { cString, protExpr, sizeExpr } from './c-text.js';
import type { EmitContext } from './emit-context.js';
import type { DriverStep } from './lines.js';

/** The operations this module compiles. */
export const MEMORY_OPS: ReadonlySet<string> = new Set(['mmap-file', 'mmap-anon', 'memfd', 'malloc', 'copy-in', 'mprotect', 'memmove', 'munmap', 'copy-object']);

/** copy-object: RTLD_DI_MAPINFO of the handle, then memcpy of the whole extent into the region. */
function copyObject(step: DriverStep, ctx: EmitContext): string[] {
  const h = ctx.handle(step.args['handle']);
  const to = ctx.slot(step.args['to'], 'region');
  return [
    'if (!p_dlrelocate && !p_dlset_object_base) setup_fail("this loader has no RTLD_DI_MAPINFO (neither dlrelocate nor dlset_object_base)");',
    `if (int_result(dlinfo(${h}, DLSPEC_RTLD_DI_MAPINFO, &o.mi), 0) == 0) {`,
    '  o.has_mapinfo = 1;',
    `  if (${to}.len < o.mi.map_length) setup_fail("the region is shorter than the object");`,
    '  if (!maps_access((uintptr_t)o.mi.map_start, o.mi.map_length, "r"))',
    '    snprintf(o.fault, sizeof o.fault, "the object at %p is not readable", o.mi.map_start);',
    `  else if (!maps_access((uintptr_t)${to}.addr, o.mi.map_length, "w")) setup_fail("the region is not writable");`,
    `  else {`,
    `    memcpy(${to}.addr, o.mi.map_start, o.mi.map_length);`,
    `    note_bytes(&${to});`,
    '  }',
    '}',
  ];
}

/** One memory operation as C statements. */
export function emitMemory(step: DriverStep, ctx: EmitContext): string[] {
  const a = step.args;
  switch (step.op) {
    case 'mmap-file': {
      const call = `mmap_file(${cString(ctx.arg(step, 'path'))}, ${sizeExpr(a['offset'])}, ${protExpr(a['prot'])}, ${sizeExpr(a['shared'])})`;
      return [`${ctx.assign(step, 'region')}${call};`];
    }
    case 'mmap-anon': {
      if (a['fill'] !== undefined) return [ctx.fail('mmap-anon with fill= is not supported')];
      const len = a['length'] ?? ctx.fail('mmap-anon needs length=');
      const length = ctx.slots.get(len)?.kind === 'mapinfo' ? `${ctx.slot(len, 'mapinfo')}.map_length` : len;
      const call = `mmap_anon(${length}, ${protExpr(a['prot'])}, ${sizeExpr(a['shared'])}, ${sizeExpr(a['below4g'])})`;
      return [`${ctx.assign(step, 'region')}${call};`];
    }
    case 'memfd': {
      const call = `memfd_region(${cString(`dlspec-${a['as'] ?? ''}`)}, ${cString(ctx.arg(step, 'path'))}, ${protExpr(a['prot'])})`;
      return [`${ctx.assign(step, 'region')}${call};`];
    }
    case 'malloc':
      return [`${ctx.assign(step, 'region')}malloc_region(${cString(ctx.arg(step, 'path'))}, ${sizeExpr(a['misalign'])});`];
    case 'copy-in':
      return [`copy_in(&${ctx.slot(a['region'], 'region')}, ${cString(ctx.arg(step, 'path'))}, ${sizeExpr(a['offset'])});`];
    case 'mprotect':
      return [`mprotect_region(&${ctx.slot(a['region'], 'region')}, ${protExpr(a['prot'])});`];
    case 'memmove':
      return [`memmove_region(&${ctx.slot(a['region'], 'region')}, ${sizeExpr(a['shift'])});`];
    case 'munmap': {
      const name = a['region'];
      if (name !== undefined && ctx.slots.get(name)?.kind === 'mapinfo') {
        const mi = ctx.slot(name, 'mapinfo');
        return [`if (munmap(${mi}.map_start, ${mi}.map_length)) setup_fail("munmap of the old range failed");`];
      }
      return [`munmap_region(&${ctx.slot(name, 'region')});`];
    }
    case 'copy-object': return copyObject(step, ctx);
    default: return [ctx.fail(`'${step.op}' is not a memory operation`)];
  }
}
