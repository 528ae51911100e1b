/**
 * The loader calls of a driver line as C: the same call with the same arguments, its result
 * recorded by the runtime (`ptr_result`, `int_result`: dlerror() and errno right after a failure,
 * as the driver reads them), and the slot it binds.
 *
 * @module
 */
import { bitsExpr, cString, sizeExpr } from './c-text.js';
import type { EmitContext } from './emit-context.js';
import { emitData, emitDlinfo } from './emit-use.js';
import type { DriverStep } from './lines.js';

const BEHAVIOURS: Readonly<Record<string, string>> = {
  anon: 'ANON', 'memfd-shared': 'MEMFD_SHARED', map32bit: 'MAP32BIT', 'map-failed': 'MAP_FAILED_B',
  null: 'NULL_B', misaligned: 'MISALIGNED', short: 'SHORT', 'reentrant-dlopen': 'REENTRANT',
};

/** A namespace argument as C: LM_ID_BASE 0, LM_ID_NEWLM -1, a namespace slot, or an integer. */
function nsidExpr(text: string | undefined, ctx: EmitContext): string {
  if (text === undefined || text === 'base') return '0 /* LM_ID_BASE */';
  if (text === 'newlm') return '-1 /* LM_ID_NEWLM */';
  if (text.startsWith('slot:')) return ctx.slot(text.slice(5), 'lmid');
  return /^-?(0x[0-9a-fA-F]+|\d+)$/.test(text) ? `${text}L` : ctx.fail(`bad namespace '${text}'`);
}

/** `NULL + offset` or `region + offset`, as the driver computes a buffer or base argument. */
function pointerExpr(name: string | undefined, offset: string | undefined, ctx: EmitContext, type: string): string {
  const off = sizeExpr(offset);
  if (name === 'NULL') return `(${type})(uintptr_t)${off}`;
  const r = ctx.slot(name, 'region');
  return off === '0' ? `(${type})${r}.addr` : `(${type})(${r}.addr + ${off})`;
}

/** The driver's names for the premap mappings of a dlmem step: AS.premap, AS.premap2, … or premap.N, premap.N.2, … */
function premapSlots(step: DriverStep, ctx: EmitContext): string[] {
  const as = step.args['as'];
  const name = (i: number): string => (as === undefined ? (i === 0 ? `premap.${step.n}` : `premap.${step.n}.${i + 1}`) : (i === 0 ? `${as}.premap` : `${as}.premap${i + 1}`));
  const lines: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (i > 0 && !ctx.refs.has(name(i))) continue;
    lines.push(`${ctx.slots.bind(name(i), 'region').c} = premap_region(${i});`);
  }
  return lines;
}

function dlmem(step: DriverStep, ctx: EmitContext): string[] {
  const a = step.args;
  const buffer = pointerExpr(ctx.arg(step, 'buffer'), a['offset'], ctx, 'const unsigned char *');
  const size = a['size'] === 'region' ? `${ctx.slot(a['buffer'], 'region')}.len - ${sizeExpr(a['offset'])}` : sizeExpr(ctx.arg(step, 'size'));
  const lines = ['if (!p_dlmem) setup_fail("this loader has no dlmem");'];
  let args = 'NULL';
  if (a['args'] !== 'null') {
    const soname = a['soname'] === undefined ? 'NULL' : cString(a['soname']);
    lines.push(`struct dlmem_args args = {.soname = ${soname}, .nsid = ${nsidExpr(a['nsid'], ctx)}, .flags = ${bitsExpr(a['flags'])}};`);
    const premap = a['premap'];
    if (premap !== undefined) {
      ctx.needs.add('premap');
      lines.push(`premap_setup(&args, ${BEHAVIOURS[premap] ?? ctx.fail(`unknown premap behaviour '${premap}'`)});`);
    }
    args = '&args';
  }
  lines.push('errno = 0;', `${ctx.assign(step, 'handle')}ptr_result(p_dlmem(${buffer}, ${size}, ${bitsExpr(a['mode'])}, ${args}));`);
  if (a['premap'] !== undefined) lines.push(...premapSlots(step, ctx));
  return ['{', ...lines.map((l) => `  ${l}`), '}'];
}

function fdlopen(step: DriverStep, ctx: EmitContext): string[] {
  ctx.needs.add('thread');
  const raw = ctx.arg(step, 'path');
  const path = raw.startsWith('./junk-') ? `file_path(${cString(raw)})` : cString(raw);
  ctx.needs.add('maps');
  return ['{', '  if (!p_dlmem) setup_fail("this loader has no dlmem");', `  int fd = open(${path}, O_RDONLY);`,
    `  if (fd < 0) setup_fail("cannot open %s", ${path});`, '  errno = 0;',
    `  void *p = thread_fdlopen(p_dlmem, fd, ${bitsExpr(step.args['mode'])});`, '  int saved = errno, kept, whole;',
    `  fdlopen_after(fd, ${path}, &kept, &whole);`, '  close(fd);', '  errno = saved;',
    `  ${ctx.assign(step, 'handle')}ptr_result(p);`, '  if (p) o.has_fdlopen = 1, o.fd_kept = kept, o.file_mapped = whole;', '}'];
}

function withOffset(step: DriverStep, ctx: EmitContext): string[] {
  ctx.needs.add('thread');
  const a = step.args;
  const call = `thread_dlopen_with_offset(p_dlmem, ${cString(ctx.arg(step, 'path'))}, ${sizeExpr(a['offset'])}, ${sizeExpr(a['length'])}, ${bitsExpr(a['mode'])})`;
  return ['if (!p_dlmem) setup_fail("this loader has no dlmem");', `${ctx.assign(step, 'handle')}ptr_result(${call});`];
}

/** One loader call (or use of its results) as C statements. */
export function emitLoader(step: DriverStep, ctx: EmitContext): string[] {
  const a = step.args;
  switch (step.op) {
    case 'dlopen': {
      const path = ctx.arg(step, 'path');
      return [`${ctx.assign(step, 'handle')}ptr_result(dlopen(${path === 'NULL' ? 'NULL' : cString(path)}, ${bitsExpr(a['mode'])}));`];
    }
    case 'dlmopen': {
      const call = `p_dlmopen(${nsidExpr(a['nsid'], ctx)}, ${cString(ctx.arg(step, 'path'))}, ${bitsExpr(a['mode'])})`;
      return ['if (!p_dlmopen) setup_fail("this loader has no dlmopen");', `${ctx.assign(step, 'handle')}ptr_result(${call});`];
    }
    case 'dlmem': return dlmem(step, ctx);
    case 'fdlopen': return fdlopen(step, ctx);
    case 'dlopen-with-offset': return withOffset(step, ctx);
    case 'dlsym': {
      const call = `dlsym(${ctx.handle(a['handle'])}, ${cString(ctx.arg(step, 'symbol'))})`;
      return [`${ctx.assign(step, 'symbol')}ptr_result(${call});`];
    }
    case 'dladdr': {
      const target = a['symbol'] !== undefined ? ctx.slot(a['symbol'], 'symbol') : pointerExpr(a['region'], a['offset'], ctx, 'void *');
      return ['{', '  Dl_info info;', '  memset(&info, 0, sizeof info);', `  int_result(dladdr(${target}, &info), 1);`,
        '  if (o.ival) o.has_dladdr = 1, o.dli = info;',
        '  if (o.ival) fprintf(stderr, "repro:   dli_fname %s dli_fbase %p dli_sname %s dli_saddr %p\\n", info.dli_fname ? info.dli_fname : "(null)",',
        '                   info.dli_fbase, info.dli_sname ? info.dli_sname : "(null)", info.dli_saddr);', '}'];
    }
    case 'dlinfo': return emitDlinfo(step, ctx);
    case 'dlrelocate': {
      if (a['base'] !== undefined) return [ctx.fail('dlrelocate(handle, base), the first proposal\'s form, is not supported')];
      return ['if (!p_dlrelocate) setup_fail("this loader has no dlrelocate");', `int_result(p_dlrelocate(${ctx.handle(a['handle'])}), 0);`];
    }
    case 'dlset-object-base': {
      const call = `p_dlset_object_base(${ctx.handle(a['handle'])}, ${pointerExpr(ctx.arg(step, 'base'), a['offset'], ctx, 'void *')})`;
      return ['if (!p_dlset_object_base) setup_fail("this loader has no dlset_object_base");', `int_result(${call}, 0);`];
    }
    case 'dlclose': return [`int_result(dlclose(${ctx.handle(a['handle'])}), 0);`];
    case 'dlerror':
      return ['{', '  const char *m = dlerror();', '  o.ret = m ? RET_PTR : RET_NULL;', '  o.ptr = (void *)m;', '  o.msg = m ? strdup(m) : NULL;', '}'];
    case 'call': case 'read-data': case 'write-data': return emitData(step, ctx);
    default: return [ctx.fail(`'${step.op}' is not an operation the repro generator knows`)];
  }
}
