/**
 * From one allowed outcome to its requirements: the return value, the dlerror() report, the
 * constructor and destructor events, the premap calls, the caller's regions, the values a step
 * reads, and the layout of every object the step placed, moved, relocated or unloaded. Each
 * requirement names the clauses a departure from it breaks.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import { protString } from '../../../model/layout/index.js';
import { ownedRegions } from '../../../model/state/objects.js';
import { factsOf } from '../../../model/transitions/lib/image.js';
import { FDLOPEN_SOURCE } from '../../../model/transitions/lib/via-dlmem.js';
import type { Call } from '../../../model/types/calls.js';
import type { Errno } from '../../../model/types/state.js';
import { ERRNO_TABLE } from '../observe.js';
import type { Outcome } from '../../../model/types/outcome.js';
import type { ModelState } from '../../../model/types/state.js';
import type { World } from '../../../model/world/world.js';
import type { Binding } from '../binding.js';
import { LAYOUT_DOMAIN, layoutRequirements } from './layout-derive.js';
import { req } from './req.js';
import { fdlopenRequirements, valueRequirements } from './value-derive.js';
import type { Requirement } from './types.js';

/** What requirements are derived from: an outcome of `call` reached from `before` under `binding`. */
export interface Allowed {
  /** The outcome. */
  readonly outcome: Outcome;
  /** The model state before the step. */
  readonly before: ModelState;
  /** The binding of model objects to what was observed before the step. */
  readonly binding: Binding;
}

/** The calls built on dlmem, whose crashes break dlmem.elf.no-crash and which call premap. */
const DLMEM_CALLS: ReadonlySet<Call['type']> = new Set(['dlmem', 'fdlopen', 'dlopen-with-offset']);

/**
 * The clauses an outcome cites that say how a call fails or what it runs, not that it fails: a
 * success where failure is required does not break them (the errno and events requirements do).
 */
const NOT_THAT_IT_FAILS: ReadonlySet<ClauseId> = new Set<ClauseId>(['base.dlerror.error-class', 'base.dlopen.ctors-before-return', 'dlmem.deps.ctors-order']);

/**
 * The clauses an outcome cites that say what a successful call leaves or runs, not that it
 * succeeds: a failure where success is required does not break them (their own requirements do).
 */
const NOT_THAT_IT_SUCCEEDS: ReadonlySet<ClauseId> = new Set<ClauseId>(['base.dlopen.ctors-before-return', 'dlmem.deps.ctors-order',
  'dlmem.source.bytes-unchanged', 'dlmem.source.protections-unchanged', 'dlmem.names.anonymous', 'dlmem.names.soname', 'dlmem.names.visible']);

/** The clauses that a call fails rests on: the outcome's, less NOT_THAT_IT_FAILS (all of them when nothing is left). */
function failingClauses(cites: readonly ClauseId[]): readonly ClauseId[] {
  const kept = cites.filter((c) => !NOT_THAT_IT_FAILS.has(c));
  return kept.length > 0 ? kept : cites;
}

/** The clauses that a call succeeds rests on: the outcome's, less NOT_THAT_IT_SUCCEEDS (all of them when nothing is left). */
function succeedingClauses(cites: readonly ClauseId[]): readonly ClauseId[] {
  const kept = cites.filter((c) => !NOT_THAT_IT_SUCCEEDS.has(c));
  return kept.length > 0 ? kept : cites;
}

function retRequirements(call: Call, a: Allowed): Requirement[] {
  const o = a.outcome;
  const ret = o.ret;
  const from = call.type === 'call' || call.type === 'read-data' ? 'value' : 'ret';
  const cites = o.cites;
  switch (ret.kind) {
    case 'any': case 'none': return [];
    case 'null': return [req({ kind: 'ret-null' }, o.error.kind === 'error' ? failingClauses(cites) : cites, 'value-not-error', 'the spec requires NULL')];
    case 'symbol': return [req({ kind: 'ret-ptr' }, cites, 'error-not-value', `the spec requires the address of ${ret.name}`)];
    case 'int': return [req({ kind: 'int', from, value: ret.value }, cites, 'wrong-value', `the spec requires ${ret.value}`)];
    case 'nonzero': return [req({ kind: 'nonzero', from }, cites, 'wrong-value', 'the spec requires a non-zero return')];
    case 'string':
      if (ret.text === null) return [req({ kind: 'ret-null' }, cites, 'wrong-error', 'dlerror() should return NULL')];
      return [req({ kind: 'ret-ptr' }, cites, 'wrong-error', 'dlerror() should return the pending message'),
        ...(ret.text === 'unspecified' || !isErrno(ret.text) ? []
          : [req({ kind: 'errno', errno: ret.text, shows: true }, cites, 'wrong-error', `the message should show ${ret.text}`)])];
    case 'handle': {
      const same = a.binding.handles.get(ret.object);
      const others = same !== undefined ? [] : [...a.binding.handles].filter(([object]) => object !== ret.object);
      return [req({ kind: 'ret-ptr' }, succeedingClauses(cites), 'error-not-value', 'the spec requires a handle'),
        req({ kind: 'handle', object: ret.object, same, others }, identityClauses(call, cites), 'wrong-handle',
        same !== undefined ? `the spec requires object #${ret.object}'s handle ${same}` : `the spec requires a handle of a new object #${ret.object}`)];
    }
  }
}

/**
 * The clauses that decide which object a returned handle is (the same as before, or a new one): a
 * new namespace's copy is distinct from every other (base.dlmopen.newlm, dlmem.args.nsid-newlm).
 */
const IDENTITY: ReadonlySet<ClauseId> = new Set<ClauseId>(['base.dlopen.dedup', 'base.dlopen.noload', 'dlmem.names.dedup-soname',
  'dlmem.names.no-dedup-anonymous', 'dlmem.names.satisfies-needed', 'dlmem.names.noload', 'fdlopen.def.same-file-twice',
  'base.dlmopen.newlm', 'dlmem.args.nsid-newlm']);

/** A handle's identity rests on the identity clauses the outcome cites, else on the call's own handle clause. */
function identityClauses(call: Call, cites: readonly ClauseId[]): readonly ClauseId[] {
  const own = cites.filter((c) => IDENTITY.has(c));
  if (own.length > 0) return own;
  return [DLMEM_CALLS.has(call.type) ? 'dlmem.args.handle' : 'base.dlopen.dedup'];
}

/** Whether `text` names an error number the spec knows (the oracle's table of them). */
function isErrno(text: string): text is Errno {
  return text in ERRNO_TABLE;
}

function errorRequirements(call: Call, o: Outcome): Requirement[] {
  if (call.type === 'dlerror' || o.error.kind === 'any') return [];
  if (o.error.kind === 'none') return [req({ kind: 'no-failure' }, succeedingClauses(o.cites), 'error-not-value', 'the call should succeed')];
  // That the call fails rests on the outcome's clauses; that dlerror() then reports it, on base.dlerror.once.
  const out = [req({ kind: 'failure' }, failingClauses(o.cites), 'value-not-error', 'the call should fail'),
    req({ kind: 'message' }, ['base.dlerror.once'], 'wrong-error', 'the failure should leave a dlerror() message')];
  if (o.error.except !== undefined) {
    out.push(req({ kind: 'errno', errno: o.error.except, shows: false }, ['noreloc.dlrelocate.failure'], 'wrong-error', `the failure must not show ${o.error.except}`));
  }
  if (o.error.errno !== 'unspecified') {
    out.push(req({ kind: 'errno', errno: o.error.errno, shows: true }, [...o.cites, 'base.dlerror.error-class'], 'wrong-error', `the failure should show ${o.error.errno}`));
  }
  return out;
}

function effectRequirements(call: Call, o: Outcome): Requirement[] {
  const out: Requirement[] = [];
  if (call.type !== 'dlerror') {
    const events = o.effects.flatMap((e) => (e.kind === 'ctor' || e.kind === 'dtor' ? [`${e.kind} ${o.next.objects[e.object]?.image ?? `#${e.object}`}`] : []));
    out.push(req({ kind: 'events', expected: events }, o.cites, 'wrong-events', `the constructor and destructor events should be [${events.join(', ')}]`));
  }
  const calls = o.effects.flatMap((e) => (e.kind === 'premap-call' ? [e] : []));
  if (DLMEM_CALLS.has(call.type)) {
    // A premap passed to a call that fails before mapping (or returns a loaded object) must not be
    // called (dlmem.premap.not-called-invalid); one passed to a load must be called for the object
    // alone, never for a dependency (dlmem.premap.object-only).
    const given = call.type === 'dlmem' && call.args?.premap !== undefined;
    const also: ClauseId[] = !given ? [] : calls.length === 0 ? ['dlmem.premap.not-called-invalid']
      : o.cites.includes('dlmem.premap.object-only') ? ['dlmem.premap.object-only'] : [];
    out.push(req({ kind: 'premap-count', count: calls.length }, ['dlmem.premap.called-once', ...also], 'wrong-premap', `premap should be called ${calls.length} time(s)`));
  }
  calls.forEach((e, index) => {
    out.push(
      req({ kind: 'premap-maplength', index, maplength: e.maplength }, ['dlmem.premap.maplength'], 'wrong-premap', `maplength should be the object's extent, ${e.maplength} bytes`),
      req({ kind: 'premap-cookie', index }, ['dlmem.args.cookie'], 'wrong-premap', 'premap should receive the cookie unchanged'));
  });
  return out;
}

/** The clauses that keep a caller region as it was: a dlmem source's own, else the outcome's. */
function regionClauses(call: Call, o: Outcome, region: string, aspect: 'bytes' | 'prot'): readonly ClauseId[] {
  const isSource = o.next.objects.some((x) => x.source?.region === region) || (call.type === 'dlmem' && call.buffer?.region === region);
  if (!isSource) return o.cites;
  if (call.type === 'dlclose') return ['dlmem.close.source-untouched'];
  return [aspect === 'prot' ? 'dlmem.source.protections-unchanged' : 'dlmem.source.bytes-unchanged'];
}

function regionRequirements(call: Call, a: Allowed): Requirement[] {
  const o = a.outcome;
  // A premap mapping or a moved object's range belongs to the object once the call places it there.
  const owned = ownedRegions(a.before, o.next);
  const out: Requirement[] = [];
  for (const [name, model] of o.next.regions) {
    if (model.kind === 'premap' || owned.has(name) || model.copyOf !== undefined) continue;
    out.push(req({ kind: 'region-mapped', region: name, mapped: model.mapped }, regionClauses(call, o, name, 'bytes'), 'source-buffer-changed',
      `region ${name} should ${model.mapped ? 'still be' : 'no longer be'} mapped`));
    if (!model.mapped) continue;
    const prot = protString(model.prot);
    out.push(
      req({ kind: 'region-unchanged', region: name }, regionClauses(call, o, name, 'bytes'), 'source-buffer-changed', `the bytes of region ${name} should be unchanged`),
      req({ kind: 'region-prot', region: name, prot }, regionClauses(call, o, name, 'prot'), 'source-buffer-changed', `region ${name} should be ${prot}`));
  }
  return out;
}

/** The clauses that leave a placement region's fate to the loader and record the choice. */
const FATES: readonly ClauseId[] = ['dlmem.close.premap-mapping', 'dlmem.fail.premap-mapping', 'noreloc.setbase.new-range-owner'];

/**
 * The regions whose fate this outcome decides (a premap mapping after a failed dlmem or an unload,
 * a moved object's range after its unload): whether the loader unmapped them, recorded as the
 * choice the fate clause leaves to it.
 */
function fateRequirements(a: Allowed): Requirement[] {
  const o = a.outcome;
  const fate = FATES.find((c) => o.cites.includes(c));
  if (fate === undefined) return [];
  const regions = new Set<string>();
  for (const e of o.effects) {
    if (e.kind === 'unmapped') {
      const p = o.next.objects[e.object]?.placement;
      if (p !== undefined && p.kind !== 'loader') regions.add(p.region);
    }
    if (e.kind === 'premap-call' && o.ret.kind === 'null') regions.add(`premap:${e.object}`);
  }
  return [...regions].flatMap((name) => {
    const model = o.next.regions.get(name) ?? a.before.regions.get(name);
    if (model === undefined) return [];
    const mapped = o.next.regions.get(name)?.mapped ?? false;
    return [req({ kind: 'region-mapped', region: name, mapped, fate: true }, [fate], 'source-buffer-changed',
      `the mapping ${name} is ${mapped ? 'left to the caller' : 'unmapped by the loader'}`)];
  });
}

/** dladdr and RTLD_DI_LINKMAP report the object's load bias: checked against its ELF facts. */
function baseRequirements(call: Call, o: Outcome, world: World): Requirement[] {
  const v = o.value;
  if (v?.kind !== 'dlinfo') return [];
  const image = o.next.objects[v.object]?.image;
  const facts = image === undefined ? undefined : factsOf(world, image).elf;
  const elf = facts?.ok === true ? facts.elf : undefined;
  if (elf === undefined) return [];
  // A dlmem object's name is its soname, or "" (dlmem.names.soname, dlmem.names.anonymous).
  const object = o.next.objects[v.object];
  const named: Requirement[] = object?.via !== 'dlmem' || (v.request !== 'RTLD_DI_LINKMAP' && v.request !== 'dladdr') ? []
    : [req({ kind: 'object-name', field: v.request === 'dladdr' ? 'fname' : 'l_name', name: object.name },
      [object.name === '' ? 'dlmem.names.anonymous' : 'dlmem.names.soname', ...(object.source?.region === FDLOPEN_SOURCE ? ['fdlopen.def.name' as const] : [])], 'wrong-value', `the object's name should be ${JSON.stringify(object.name)}`)];
  if (v.request === 'RTLD_DI_LINKMAP' && elf.dynamicVaddr !== undefined) {
    return [...named, req({ kind: 'linkmap-base', dynamic: elf.dynamicVaddr }, ['base.dlinfo.linkmap'], 'wrong-value', 'l_addr should be the load bias')];
  }
  if (v.request === 'RTLD_DI_LINKMAP') return named;
  if (v.request !== 'dladdr' || call.type !== 'dladdr' || !('symbol' in call.address)) return named;
  const bound = o.next.vars.get(call.address.symbol);
  const symbol = bound?.kind === 'symbol' ? bound.name : undefined;
  const offset = symbol === undefined ? undefined : elf.symbols.defined.get(symbol)?.value;
  if (symbol === undefined || offset === undefined) return named;
  return [...named, req({ kind: 'dladdr-base', symbol, offset }, ['base.dladdr.fields'], 'wrong-value', `dli_fbase should be the load base, ${symbol}'s st_value below dli_saddr`)];
}


/**
 * The clauses that say a crash is a violation in the spots they govern, beyond the call's own
 * (some leave the outcome open otherwise; dlmem.source.release-after promises the object keeps
 * working once its source is released): a crash in a spot one of them governs breaks it too.
 */
const FORBID_CRASH: ReadonlySet<ClauseId> = new Set<ClauseId>(['dlmem.args.null-buffer', 'dlmem.elf.filesz-over-memsz', 'dlmem.elf.load-overlap',
  'dlmem.names.origin', 'dlmem.source.release-after', 'dlmem.premap.return-misaligned', 'dlmem.premap.return-null', 'dlmem.source.non-virgin', 'noreloc.setbase.misaligned',
  'noreloc.setbase.old-range']);

/**
 * The call returns at all: the clauses a crash, abort or hang at it breaks (base.call.returns, or
 * dlmem.elf.no-crash for the calls built on dlmem, and any clause of the outcome that forbids a crash).
 */
export function returnsRequirement(call: Call, o?: Outcome): Requirement {
  const own: ClauseId = DLMEM_CALLS.has(call.type) ? 'dlmem.elf.no-crash' : 'base.call.returns';
  return req({ kind: 'returns' }, [own, ...(o?.cites ?? []).filter((c) => FORBID_CRASH.has(c))], 'unexpected-signal',
    'the call returns: no crash, abort or hang');
}

/**
 * Every requirement of `a.outcome` as an outcome of `call`: none for an undefined outcome (the
 * caller broke a requirement; anything goes).
 */
export function requirementsOf(call: Call, a: Allowed, world: World): readonly Requirement[] {
  const o = a.outcome;
  if (o.firmness === 'undefined') return [];
  const generic = [...retRequirements(call, a), ...errorRequirements(call, o), ...effectRequirements(call, o)];
  const regions = regionRequirements(call, a);
  const specific = [...regions, ...fateRequirements(a), ...valueRequirements(a, world), ...baseRequirements(call, o, world),
    ...layoutRequirements(call, a, world), ...fdlopenRequirements(call, o)];
  // A region the call does not take as its source rests on the outcome's own clauses: it judges none of them apart.
  const own = new Set(o.cites);
  const dedicated = specific.filter((r) => !(regions.includes(r) && r.clauses.every((c) => own.has(c))));
  return [returnsRequirement(call, o), ...narrowed(generic, dedicated), ...specific];
}

/**
 * The generic requirements (return value, error, events) rest on the outcome's clauses, less those
 * a dedicated requirement of the same outcome judges (premap arguments, regions, MAPINFO fields,
 * layout parts): a wrong return does not break the clause about page backing.
 */
function narrowed(generic: readonly Requirement[], specific: readonly Requirement[]): Requirement[] {
  const dedicated = new Set<ClauseId>([...specific, ...generic.filter((r) => r.check.kind.startsWith('premap-'))].flatMap((r) => r.clauses));
  return generic.map((r) => {
    if (r.check.kind.startsWith('premap-')) return r;
    const kept = r.clauses.filter((c) => !dedicated.has(c) && (!LAYOUT_DOMAIN.has(c) || c === 'base.dlclose.unload' || c === 'dlmem.close.refcount'));
    return kept.length === 0 || kept.length === r.clauses.length ? r : { ...r, clauses: kept };
  });
}
