/**
 * The check at the diverging step, written from the very requirements the oracle evaluated there
 * (conformance/oracle/requirements): each requirement of each allowed outcome becomes one C
 * condition over the step's record `o`, with the sentence and clauses it states when it does not
 * hold. Nothing here decides what the spec requires; it only spells the requirement values in C.
 *
 * @module
 */
import { formatOutcome } from '../../model/script/format.js';
import { ERRNO_TABLE } from '../oracle/observe.js';
import type { Check, Requirement } from '../oracle/requirements/types.js';
import { cString } from './c-text.js';
import { layoutCondition } from './emit-layout.js';
import type { EmitContext } from './emit-context.js';
import type { AllowedOutcome } from './allowed.js';

/** One requirement as C. */
export interface CRequirement {
  /** A C expression over the step's record `o`. */
  readonly cond: string;
  /** Why the outcome does not match when `cond` is false, with the clauses. */
  readonly why: string;
}

/** One allowed outcome as C. */
export interface OutcomeCheck {
  /** The outcome as text (formatOutcome). */
  readonly text: string;
  /** Its conditions; none for an undefined outcome (anything goes). */
  readonly requires: readonly CRequirement[];
}

function shows(errno: keyof typeof ERRNO_TABLE): string {
  const e = ERRNO_TABLE[errno];
  return `shows(${e.value}, ${cString(e.text)})`;
}

/** What the C names of the step's world are: observed handles → variables, regions → slots. */
export interface Names {
  /** Each handle the recorded run observed, and the C variable that holds it. */
  readonly handles: ReadonlyMap<string, string>;
  /** The generation's context: the slot variables. */
  readonly ctx: EmitContext;
  /** The driver's slot of each model region named otherwise (the oracle's binding). */
  readonly slots: ReadonlyMap<string, string>;
}

/** The C condition of one check, or undefined when C cannot state it (it is then left out, with a comment). */
function condition(c: Check, n: Names): string | undefined {
  const int = (from: 'ret' | 'value'): string => (from === 'value' ? 'o.has_int' : 'o.ret == RET_INT');
  const region = (name: string): string | undefined => {
    const v = n.ctx.slots.get(n.slots.get(name) ?? name);
    return v?.kind === 'region' ? `&${v.c}` : undefined;
  };
  switch (c.kind) {
    case 'returns': return '1 /* this line runs: the call returned */';
    case 'ret-null': return 'o.ret == RET_NULL';
    case 'ret-ptr': return 'o.ret == RET_PTR';
    case 'int': return `${int(c.from)} && o.ival == ${c.value}`;
    case 'nonzero': return `${int(c.from)} && o.ival != 0`;
    case 'handle': {
      if (c.same !== undefined) {
        const v = n.handles.get(c.same);
        return v === undefined ? 'o.ret == RET_PTR /* the bound handle is held by no variable any more */' : `o.ret == RET_PTR && o.ptr == ${v}`;
      }
      const others = c.others.flatMap(([, ptr]) => { const v = n.handles.get(ptr); return v === undefined ? [] : [`o.ptr != ${v}`]; });
      return ['o.ret == RET_PTR', ...others].join(' && ');
    }
    case 'no-failure': return '!o.failed || !o.msg';
    case 'failure': return 'o.failed';
    case 'message': return '!o.failed || o.msg';
    case 'dladdr-base': return `!o.has_dladdr || !o.dli.dli_sname || strcmp(o.dli.dli_sname, ${JSON.stringify(c.symbol)}) != 0 || (uintptr_t)o.dli.dli_saddr - (uintptr_t)o.dli.dli_fbase == ${c.offset}u`;
    case 'linkmap-base': return `!o.has_linkmap || o.lm_ld - o.lm_addr == ${c.dynamic}u`;
    case 'object-name': return c.field === 'l_name' ? `!o.has_linkmap || (o.lm_name && strcmp(o.lm_name, ${JSON.stringify(c.name)}) == 0)`
      : `!o.has_dladdr || (o.dli.dli_fname && strcmp(o.dli.dli_fname, ${JSON.stringify(c.name)}) == 0)`;
    case 'fdlopen-after': return c.what === 'fd-kept' ? '!o.has_fdlopen || o.fd_kept' : '!o.has_fdlopen || !o.file_mapped';
    case 'lmid': return `!o.has_lmid || (o.lmid == 0) == ${c.base ? 1 : 0}`;
    case 'deplist': {
      const v = (ptr: string): string | undefined => n.handles.get(ptr);
      const listed = c.listed.flatMap((p) => { const x = v(p); return x === undefined ? [] : [`deps_has(${x})`]; });
      const unlisted = c.unlisted.flatMap((p) => { const x = v(p); return x === undefined ? [] : [`!deps_has(${x})`]; });
      const files = [...c.files.map((f) => `deps_named(${cString(f)})`),
        ...c.fixtures.filter((f) => !c.files.includes(f)).map((f) => `!deps_named(${cString(f)})`)];
      return `!o.has_deplist || (${[`deps_are(${c.count})`, ...listed, ...unlisted, ...files].join(' && ')})`;
    }
    case 'errno': return c.shows ? shows(c.errno) : `!${shows(c.errno)}`;
    case 'events': return `events_are(${cString(c.expected.join(', '))})`;
    case 'premap-count': return `g_npremap == ${c.count}`;
    case 'premap-maplength': return `g_npremap <= ${c.index} || g_premap[${c.index}].maplength == ${c.maplength}`;
    case 'premap-cookie': return `g_npremap <= ${c.index} || g_premap[${c.index}].cookie_ok`;
    case 'region-mapped': { const r = region(c.region); return r === undefined ? undefined : `region_mapped(${r}) == ${c.mapped ? 1 : 0}`; }
    case 'region-unchanged': { const r = region(c.region); return r === undefined ? undefined : `region_unchanged(${r}) != 0`; }
    case 'region-prot': { const r = region(c.region); return r === undefined ? undefined : `region_prot_is(${r}, "${c.prot}")`; }
    case 'mapinfo-relocated': return `!o.has_mapinfo || (o.mi.relocated != 0) == ${c.relocated ? 1 : 0}`;
    case 'mapinfo-length': return `!o.has_mapinfo || o.mi.map_length == ${c.length}`;
    case 'mapinfo-align': return `!o.has_mapinfo || ${c.aligns.map((a) => `o.mi.map_align == ${a}`).join(' || ')}`;
    case 'layout': case 'unloaded': {
      n.ctx.needs.add('layout');
      if (c.kind !== 'layout' || c.part !== 'base' || c.layout.movedTo === undefined) return layoutCondition(c);
      const r = region(c.layout.movedTo);
      return r === undefined ? undefined : layoutCondition(c, `(uintptr_t)(${r})->addr`);
    }
  }
}

/** One requirement in C, or a comment saying why it is not checked here. */
export function cRequirement(r: Requirement, n: Names): CRequirement | undefined {
  const cond = condition(r.check, n);
  return cond === undefined ? undefined : { cond, why: `${r.text} (${r.clauses.join(', ')})` };
}

/**
 * The distinct allowed outcomes at the step as C checks. `handles` maps each handle the recorded
 * run observed to the C variable holding it, for the same-handle and new-handle conditions.
 */
export function outcomeChecks(allowed: readonly AllowedOutcome[], handles: ReadonlyMap<string, string>, ctx: EmitContext): readonly OutcomeCheck[] {
  const seen = new Map<string, OutcomeCheck>();
  for (const a of allowed) {
    const requires = a.requirements.flatMap((r) => cRequirement(r, { handles, ctx, slots: a.binding.slots }) ?? []);
    const key = requires.map((r) => r.cond).join('&&') + (a.outcome.firmness === 'undefined' ? '|undefined' : '');
    if (!seen.has(key)) seen.set(key, { text: formatOutcome(a.outcome), requires });
  }
  return [...seen.values()];
}

