/**
 * dlinfo and the uses of what the loader returned (call, read-data, write-data) as C. As the
 * driver does, the program checks /proc/self/maps before touching an address and records a
 * `fault` instead of crashing on memory that is not mapped.
 *
 * @module
 */
import type { EmitContext } from './emit-context.js';
import type { DriverStep } from './lines.js';

const NORELOC = 'if (!p_dlrelocate && !p_dlset_object_base) setup_fail("this loader has no %s (neither dlrelocate nor dlset_object_base)", ';

/** The deplist slots later steps use: AS.0, AS.1, … */
function depSlots(as: string, ctx: EmitContext): number[] {
  const prefix = `${as}.`;
  return [...ctx.refs].filter((r) => r.startsWith(prefix) && /^\d+$/.test(r.slice(prefix.length))).map((r) => Number(r.slice(prefix.length))).sort((x, y) => x - y);
}

/** dlinfo: the long-standing requests, RTLD_DI_MAPINFO and RTLD_DI_DEPLIST. */
export function emitDlinfo(step: DriverStep, ctx: EmitContext): string[] {
  const h = ctx.handle(step.args['handle']);
  const request = ctx.arg(step, 'request');
  const as = step.args['as'];
  if (request === 'mapinfo') {
    const bind = as === undefined ? [] : [`  ${ctx.slots.bind(as, 'mapinfo').c} = o.mi;`];
    return [`${NORELOC}"RTLD_DI_MAPINFO");`, `if (int_result(dlinfo(${h}, DLSPEC_RTLD_DI_MAPINFO, &o.mi), 0) == 0) {`, '  o.has_mapinfo = 1;', ...bind, '}'];
  }
  if (request === 'deplist') {
    const binds = as === undefined ? [] : depSlots(as, ctx).map((i) => `    ${ctx.slots.bind(`${as}.${i}`, 'handle').c} = dl.ndeps > ${i} ? dl.deps[${i}] : NULL;`);
    return ['{', `  ${NORELOC}"RTLD_DI_DEPLIST");`, '  Dl_deplist dl;', '  memset(&dl, 0, sizeof dl);',
      `  if (int_result(dlinfo(${h}, DLSPEC_RTLD_DI_DEPLIST, &dl), 0) == 0) {`,
      '    fprintf(stderr, "repro:   ndeps %u\\n", dl.ndeps);',
      '    if (dl.ndeps && !maps_access((uintptr_t)dl.deps, dl.ndeps * sizeof(void *), "r"))',
      '      snprintf(o.fault, sizeof o.fault, "deps %p is not readable", (void *)dl.deps);',
      '    else o.has_deplist = 1, o.dl = dl;',
      ...(binds.length === 0 ? [] : ['    else {', ...binds.map((b) => `  ${b}`), '    }']), '  }', '}'];
  }
  const req = { linkmap: 'DLSPEC_RTLD_DI_LINKMAP', lmid: 'DLSPEC_RTLD_DI_LMID', origin: 'DLSPEC_RTLD_DI_ORIGIN' }[request]
    ?? (/^-?\d+$/.test(request) ? request : ctx.fail(`bad dlinfo request '${request}'`));
  const bind = request !== 'lmid' ? [] : ['  if (o.ival == 0) o.has_lmid = 1, o.lmid = out.lmid;',
    ...(as === undefined ? [] : [`  if (o.ival == 0) ${ctx.slots.bind(as, 'lmid').c} = out.lmid;`])];
  return ['{', '  union {', '    struct link_map *lm;', '    long lmid;', '    char origin[PATH_MAX + 1];', '    unsigned char raw[4096];', '  } out;',
    '  memset(&out, 0, sizeof out);', `  int_result(dlinfo(${h}, ${req}, &out), 0);`, ...bind,
    ...(request === 'linkmap' ? ['  if (o.ival == 0 && out.lm) o.has_linkmap = 1, o.lm_addr = out.lm->l_addr, o.lm_ld = (uintptr_t)out.lm->l_ld, o.lm_name = out.lm->l_name;'] : []), '}'];
}

/** `call`, `read-data` (directly or through a second mapping of a memfd region) and `write-data`. */
export function emitData(step: DriverStep, ctx: EmitContext): string[] {
  const a = step.args;
  const p = ctx.slot(a['symbol'], 'symbol');
  const check = (need: string): string[] => [
    `if (!${p}) copy_text(o.fault, sizeof o.fault, "null address");`,
    `else if (!maps_access((uintptr_t)${p}, ${need === 'x' ? '1' : 'sizeof(int)'}, "${need}")) snprintf(o.fault, sizeof o.fault, "%p is not mapped ${need}", ${p});`,
  ];
  const bindValue = (): string[] => (a['as'] === undefined ? [] : [`if (o.has_int) ${ctx.slots.bind(a['as'], 'value').c} = o.ival;`]);
  if (step.op === 'write-data') {
    return [...check('w'), 'else {', `  int v = ${a['value'] ?? ctx.fail('write-data needs value=')};`, `  memcpy(${p}, &v, sizeof v);`, '}'];
  }
  if (step.op === 'call') {
    return [...check('x'), 'else {', '  int (*fn)(void);', `  memcpy(&fn, &${p}, sizeof fn);`, '  o.ival = fn();', '  o.has_int = 1;', '}', ...bindValue()];
  }
  const via = a['via'];
  if (via === undefined) return [...check('r'), 'else {', '  int v;', `  memcpy(&v, ${p}, sizeof v);`, '  o.ival = v;', '  o.has_int = 1;', '}', ...bindValue()];
  const r = ctx.slot(via, 'region');
  return ['{', `  uintptr_t off = (uintptr_t)${p} - (uintptr_t)${r}.addr;`,
    `  if (${r}.fd < 0) setup_fail("region %s has no memfd behind it", ${JSON.stringify(via)});`,
    `  if ((uintptr_t)${p} < (uintptr_t)${r}.addr || off + sizeof(int) > ${r}.len)`,
    `    snprintf(o.fault, sizeof o.fault, "%p is outside region %s", ${p}, ${JSON.stringify(via)});`,
    '  else {', `    unsigned char *m = mmap(NULL, ${r}.len, PROT_READ, MAP_SHARED, ${r}.fd, 0);`,
    '    if (m == MAP_FAILED) setup_fail("second mapping of the memfd failed");', '    int v;', '    memcpy(&v, m + off, sizeof v);',
    `    munmap(m, ${r}.len);`, '    o.ival = v;', '    o.has_int = 1;', '  }', '}', ...bindValue()];
}
