/**
 * The check at the diverging step, written from what the spec allows there: each allowed outcome
 * becomes a list of C conditions with the reason each one states when it does not hold (the
 * return value, the dlerror() report and its error class, the constructor and destructor events,
 * the premap calls, the caller's regions, the mapinfo fields), mirroring conformance/oracle/match.ts.
 *
 * @module
 */
import { extentOf, protString } from '../../model/layout/index.js';
import { ownedRegions } from '../../model/state/objects.js';
import { formatOutcome } from '../../model/script/format.js';
import type { Call } from '../../model/types/calls.js';
import type { Outcome } from '../../model/types/outcome.js';
import type { World } from '../../model/world/world.js';
import { extentBytes } from '../oracle/match.js';
import { ERRNO_TABLE } from '../oracle/observe.js';
import { cString } from './c-text.js';
import type { EmitContext } from './emit-context.js';
import type { AllowedOutcome } from './replay.js';

/** One condition of an allowed outcome and what it says when it does not hold. */
export interface Requirement {
  /** A C expression over the step's record `o`. */
  readonly cond: string;
  /** Why the outcome does not match when `cond` is false. */
  readonly why: string;
}

/** One allowed outcome as C. */
export interface OutcomeCheck {
  /** The outcome as text (formatOutcome). */
  readonly text: string;
  /** Its conditions; none for an undefined outcome (anything goes). */
  readonly requires: readonly Requirement[];
}

const req = (cond: string, why: string): Requirement => ({ cond, why });

function shows(errno: keyof typeof ERRNO_TABLE): string {
  const e = ERRNO_TABLE[errno];
  return `shows(${e.value}, ${cString(e.text)})`;
}

/** The case's name of a handle variable (`h_h1_before` → `h1`). */
function label(c: string): string {
  return c.replace(/^h_/, '').replace(/_before$/, '');
}

function retRequirements(call: Call, a: AllowedOutcome, handles: ReadonlyMap<string, string>): Requirement[] {
  const ret = a.outcome.ret;
  const intOf = call.type === 'call' || call.type === 'read-data' ? 'o.has_int' : 'o.ret == RET_INT';
  switch (ret.kind) {
    case 'any': case 'none': return [];
    case 'null': return [req('o.ret == RET_NULL', 'the spec requires NULL')];
    case 'symbol': return [req('o.ret == RET_PTR', `the spec requires the address of ${ret.name}`)];
    case 'int': return [req(`${intOf} && o.ival == ${ret.value}`, `the spec requires ${ret.value}`)];
    case 'nonzero': return [req(`${intOf} && o.ival != 0`, 'the spec requires a non-zero return')];
    case 'string':
      if (ret.text === null) return [req('o.ret == RET_NULL', 'dlerror() should return NULL')];
      return [req('o.ret != RET_NULL', 'dlerror() returned NULL where a failure is pending'),
        ...(ret.text in ERRNO_TABLE ? [req(shows(ret.text as keyof typeof ERRNO_TABLE), `the message should show ${ret.text}`)] : [])];
    case 'handle': {
      const out = [req('o.ret == RET_PTR', 'the spec requires a handle')];
      const bound = a.binding.handles.get(ret.object);
      const same = bound === undefined ? undefined : handles.get(bound);
      if (same !== undefined) return [...out, req(`o.ptr == ${same}`, `the spec requires the handle ${label(same)} holds (object #${ret.object})`)];
      if (bound !== undefined) return out; // bound to a handle no variable holds any more: not checked
      for (const [object, ptr] of a.binding.handles) {
        const v = handles.get(ptr);
        if (v !== undefined) out.push(req(`o.ptr != ${v}`, `the handle must be a new object's, not ${label(v)}'s (object #${object})`));
      }
      return out;
    }
  }
}

function errorRequirements(call: Call, o: Outcome): Requirement[] {
  if (call.type === 'dlerror' || o.error.kind === 'any') return [];
  if (o.error.kind === 'none') return [req('!o.failed || !o.msg', 'unexpected failure')];
  const out = [req('o.failed && o.msg', 'the spec requires a dlerror() message')];
  if (o.error.except !== undefined) out.push(req(`!${shows(o.error.except)}`, `the failure must not show ${o.error.except}`));
  if (o.error.errno !== 'unspecified') out.push(req(shows(o.error.errno), `the failure should show ${o.error.errno}`));
  return out;
}

/** The object's extent as the oracle checks it: its length in bytes (not rounded) and its alignment. */
function extentLength(o: Outcome, object: number, world: World): { length: number; align: number } | undefined {
  const image = o.next.objects[object]?.image ?? '';
  const facts = world.images.get(image);
  const length = extentBytes(world, image);
  return facts === undefined || !facts.elf.ok || length === undefined ? undefined : { length, align: extentOf(facts.elf.elf, world.pageSize).align };
}

function effectRequirements(o: Outcome, world: World): Requirement[] {
  const events = o.effects.flatMap((e) => (e.kind === 'ctor' || e.kind === 'dtor' ? [`${e.kind} ${o.next.objects[e.object]?.image ?? `#${e.object}`}`] : []));
  const out = [req(`events_are(${cString(events.join(', '))})`, `the constructor and destructor events should be [${events.join(', ')}]`)];
  const calls = o.effects.filter((e) => e.kind === 'premap-call');
  out.push(req(`g_npremap == ${calls.length}`, `premap should be called ${calls.length} time(s)`));
  calls.forEach((e, i) => {
    const extent = extentLength(o, e.object, world);
    if (extent === undefined) return;
    out.push(req(`g_premap[${i}].maplength == ${extent.length}`, `maplength should be the object's extent, ${extent.length} bytes`),
      req(`power_of_two(g_premap[${i}].mapalign) && g_premap[${i}].mapalign >= ${world.pageSize}`, 'mapalign should be a power of two of at least the page size'),
      req(`g_premap[${i}].cookie_ok`, 'premap should receive the cookie unchanged'));
  });
  return out;
}

function regionRequirements(a: AllowedOutcome, ctx: EmitContext): Requirement[] {
  // A premap mapping or a moved object's range belongs to the object once the call places it there.
  const owned = ownedRegions(a.before, a.outcome.next);
  const out: Requirement[] = [];
  for (const v of ctx.slots.bound()) {
    const model = a.outcome.next.regions.get(v.name);
    if (v.kind !== 'region' || model === undefined || model.kind === 'premap' || owned.has(v.name) || model.copyOf !== undefined) continue;
    out.push(req(`region_mapped(&${v.c}) == ${model.mapped ? 1 : 0}`, `region ${v.name} should ${model.mapped ? 'still be' : 'no longer be'} mapped`));
    if (!model.mapped) continue;
    const prot = protString(model.prot);
    out.push(req(`region_unchanged(&${v.c}) != 0`, `the bytes of region ${v.name} should be unchanged`),
      req(`region_prot_is(&${v.c}, "${prot}")`, `region ${v.name} should be ${prot}`));
  }
  return out;
}

function valueRequirements(o: Outcome, world: World): Requirement[] {
  if (o.value?.kind !== 'mapinfo') return [];
  const out = [req(`!o.has_mapinfo || (o.mi.relocated != 0) == ${o.value.relocated ? 1 : 0}`, `MAPINFO.relocated should be ${o.value.relocated ? 1 : 0}`)];
  const extent = extentLength(o, o.value.object, world);
  if (extent === undefined) return out;
  out.push(req(`!o.has_mapinfo || o.mi.map_length == ${extent.length}`, `MAPINFO.map_length should be the object's extent, ${extent.length} bytes`));
  if (extent.align === world.pageSize) out.push(req(`!o.has_mapinfo || o.mi.map_align == ${world.pageSize}`, 'MAPINFO.map_align should be the page size'));
  return out;
}

/**
 * The distinct allowed outcomes of `call` as C checks. `handles` maps each handle the recorded
 * run observed to the C variable holding it, for the same-handle and new-handle conditions.
 */
export function outcomeChecks(call: Call, allowed: readonly AllowedOutcome[], world: World, handles: ReadonlyMap<string, string>, ctx: EmitContext): readonly OutcomeCheck[] {
  const seen = new Map<string, OutcomeCheck>();
  for (const a of allowed) {
    const o = a.outcome;
    const requires = o.firmness === 'undefined' ? [] : [...retRequirements(call, a, handles), ...errorRequirements(call, o),
      ...effectRequirements(o, world), ...regionRequirements(a, ctx), ...valueRequirements(o, world)];
    const key = requires.map((r) => r.cond).join('&&') + (o.firmness === 'undefined' ? '|undefined' : '');
    if (!seen.has(key)) seen.set(key, { text: formatOutcome(o), requires });
  }
  return [...seen.values()];
}
