/**
 * Evaluating requirements against one observed driver step: each requirement passes, fails
 * (saying what was seen), or cannot be judged on this observation (the fact is not reported).
 * Handles and layouts bind model objects to what was observed; the binding a passing outcome
 * implies is returned with the judgements.
 *
 * @module
 */
import type { StepLine } from '../../protocol.js';
import { type Binding, withHandle } from '../binding.js';
import { failed, showsErrno } from '../observe.js';
import { evaluateLayout } from './layout-evaluate.js';
import type { Requirement } from './types.js';

/** What one requirement came to. */
export interface Judgement {
  /** The requirement. */
  readonly requirement: Requirement;
  /** pass, fail, or skip (the observation does not report what it compares). */
  readonly result: 'pass' | 'fail' | 'skip';
  /** For a failure: what was seen. */
  readonly detail?: string;
  /** For an implementation-defined choice the spec records (zero-copy or copy): which one the loader made. */
  readonly choice?: string;
}

/** The result of one check: its judgement's result and detail, and a binding when it binds something. */
export interface CheckResult {
  /** pass, fail or skip. */
  readonly result: Judgement['result'];
  /** What was seen, for a failure. */
  readonly detail?: string;
  /** The loader's choice, where the spec records it. */
  readonly choice?: string;
  /** The binding after the check, when it changed. */
  readonly binding?: Binding;
}

const pass: CheckResult = { result: 'pass' };
const skip: CheckResult = { result: 'skip' };
const fail = (detail: string): CheckResult => ({ result: 'fail', detail });

function intOf(obs: StepLine, from: 'ret' | 'value'): number | undefined {
  if (from === 'value') return obs.value !== undefined && 'int' in obs.value ? obs.value.int : undefined;
  return obs.ret.kind === 'int' ? obs.ret.value : undefined;
}

function retText(obs: StepLine): string {
  const r = obs.ret;
  return r.kind === 'ptr' ? `ptr ${r.value}` : r.kind === 'int' ? String(r.value) : r.kind;
}

/** Evaluates one requirement's check against `obs` under `binding`. */
export function evaluateCheck(r: Requirement, obs: StepLine, binding: Binding): CheckResult {
  const c = r.check;
  switch (c.kind) {
    case 'returns': return pass;
    case 'ret-null': return obs.ret.kind === 'null' ? pass : fail(`returned ${retText(obs)}`);
    case 'ret-ptr': return obs.ret.kind === 'ptr' ? pass : fail(`returned ${retText(obs)}`);
    case 'int': {
      const v = intOf(obs, c.from);
      return v === c.value ? pass : fail(v === undefined ? `no int result (${retText(obs)})` : `got ${v}`);
    }
    case 'nonzero': {
      const v = intOf(obs, c.from);
      return v !== undefined && v !== 0 ? pass : fail(`got ${v ?? retText(obs)}`);
    }
    case 'handle': {
      if (obs.ret.kind !== 'ptr') return fail(`returned ${retText(obs)}`);
      const ptr = obs.ret.value;
      if (c.same !== undefined) return ptr === c.same ? pass : fail(`object #${c.object} was handle ${c.same}, now ${ptr}`);
      const other = c.others.find(([, p]) => p === ptr);
      if (other !== undefined) return fail(`handle ${ptr} is object #${other[0]}'s, not a new object #${c.object}'s`);
      return { result: 'pass', binding: withHandle(binding, c.object, ptr) };
    }
    case 'no-failure': return failed(obs) && obs.dlerror !== null ? fail(`failed: ${JSON.stringify(obs.dlerror)}`) : pass;
    case 'failure': return failed(obs) ? pass : fail(`succeeded (${retText(obs)})`);
    case 'message': return !failed(obs) || obs.dlerror !== null ? pass : fail('failed without a dlerror() message');
    case 'errno': {
      const shows = showsErrno(obs, c.errno);
      return shows === c.shows ? pass : fail(`errno ${obs.errno ?? 'unset'}, ${JSON.stringify(obs.dlerror)}`);
    }
    case 'events': {
      const seen = obs.events.map((e) => `${e.kind} ${e.lib}`);
      return seen.join(', ') === c.expected.join(', ') ? pass : fail(`saw [${seen.join(', ')}]`);
    }
    case 'premap-count': return obs.premap.length === c.count ? pass : fail(`premap was called ${obs.premap.length} time(s)`);
    case 'premap-maplength': {
      const p = obs.premap[c.index];
      return p === undefined ? skip : p.maplength === c.maplength ? pass : fail(`maplength ${p.maplength}`);
    }
    case 'premap-cookie': {
      const p = obs.premap[c.index];
      return p === undefined ? skip : p.cookie ? pass : fail('the cookie arrived changed');
    }
    case 'region-mapped': {
      const seen = obs.regions[binding.slots.get(c.region) ?? c.region];
      if (seen === undefined) return skip;
      if (seen.mapped !== c.mapped) return fail(seen.mapped ? 'it is mapped' : 'it is not (wholly) mapped');
      return c.fate === true ? { result: 'pass', choice: c.mapped ? 'left to the caller' : 'unmapped by the loader' } : pass;
    }
    case 'region-unchanged': {
      const seen = obs.regions[c.region];
      return seen === undefined || !seen.mapped || seen.unchanged === null ? skip : seen.unchanged ? pass : fail('its bytes changed');
    }
    case 'region-prot': {
      const seen = obs.regions[c.region];
      return seen === undefined || !seen.mapped || seen.prot === null ? skip : seen.prot === c.prot ? pass : fail(`it is ${seen.prot}`);
    }
    case 'mapinfo-relocated': case 'mapinfo-length': case 'mapinfo-align': {
      const v = obs.value;
      if (v === undefined || !('relocated' in v)) return skip;
      if (c.kind === 'mapinfo-relocated') return (v.relocated !== 0) === c.relocated ? pass : fail(`relocated is ${v.relocated}`);
      if (c.kind === 'mapinfo-length') return v.map_length === c.length ? pass : fail(`map_length is ${v.map_length}`);
      if (!c.aligns.includes(v.map_align)) return fail(`map_align is ${v.map_align}`);
      return c.aligns.length > 1 ? { result: 'pass', choice: v.map_align === c.aligns[0] ? 'honours p_align' : 'page size' } : pass;
    }
    case 'lmid': {
      const v = obs.value;
      if (v === undefined || !('lmid' in v)) return skip;
      return (v.lmid === 0) === c.base ? pass : fail(`the namespace id is ${v.lmid}`);
    }
    case 'deplist': {
      const v = obs.value;
      if (v === undefined || !('ndeps' in v)) return skip;
      const seen = new Set(v.deps);
      if (v.deps.length !== v.ndeps || seen.size !== v.ndeps || v.ndeps < c.count) return fail(`it lists ${v.ndeps} handles (${seen.size} distinct)`);
      const missing = c.listed.filter((h) => !seen.has(h));
      if (missing.length > 0) return fail(`it leaves out ${missing.join(', ')}`);
      const wrong = c.unlisted.filter((h) => seen.has(h));
      if (wrong.length > 0) return fail(`it lists ${wrong.join(', ')}, which is no dependency`);
      if (v.names === undefined) return pass;
      const names = v.names.flatMap((n) => (n === null ? [] : [n.slice(n.lastIndexOf('/') + 1)]));
      const absent = c.files.filter((f) => !names.includes(f));
      if (absent.length > 0) return fail(`it lists no ${absent.join(', ')}`);
      const other = names.filter((n) => c.fixtures.includes(n) && !c.files.includes(n));
      return other.length > 0 ? fail(`it lists ${other.join(', ')}, which is no dependency`) : pass;
    }
    case 'dladdr-base': {
      const v = obs.value;
      if (v === undefined || !('fbase' in v) || v.sname !== c.symbol) return skip;
      const offset = Number(BigInt(v.saddr) - BigInt(v.fbase));
      return offset === c.offset ? pass : fail(`dli_saddr - dli_fbase is ${hexOf(offset)}, ${c.symbol}'s st_value ${hexOf(c.offset)}`);
    }
    case 'linkmap-base': {
      const v = obs.value;
      if (v === undefined || !('l_addr' in v) || v.l_ld === undefined) return skip;
      const offset = Number(BigInt(v.l_ld) - BigInt(v.l_addr));
      return offset === c.dynamic ? pass : fail(`l_ld - l_addr is ${hexOf(offset)}, PT_DYNAMIC's p_vaddr ${hexOf(c.dynamic)}`);
    }
    case 'object-name': {
      const v = obs.value;
      if (v === undefined || !(c.field in v)) return skip;
      const seen = c.field === 'l_name' ? (v as { l_name: string | null }).l_name : (v as { fname: string | null }).fname;
      return seen === c.name ? pass : fail(`${c.field} is ${JSON.stringify(seen)}`);
    }
    case 'fdlopen-after': {
      const v = obs.value;
      if (v === undefined || !('fd_kept' in v)) return skip;
      if (c.what === 'fd-kept') return v.fd_kept ? pass : fail('fdlopen closed fd');
      return v.file_mapped ? fail('a mapping of the whole file is left after fdlopen returned') : pass;
    }
    case 'layout': case 'unloaded': return evaluateLayout(c, obs, binding);
  }
}

/** `n` in hex, signed. */
function hexOf(n: number): string {
  return n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
}

/**
 * Evaluates every requirement of one outcome against `obs`, threading the binding through; the
 * binding is the one a match implies (meaningful only when nothing failed).
 */
export function evaluateAll(requirements: readonly Requirement[], obs: StepLine, binding: Binding): { readonly judgements: readonly Judgement[]; readonly binding: Binding } {
  let b = binding;
  const judgements: Judgement[] = [];
  for (const requirement of requirements) {
    const r = evaluateCheck(requirement, obs, b);
    if (r.binding !== undefined) b = r.binding;
    judgements.push({ requirement, result: r.result, ...(r.detail === undefined ? {} : { detail: r.detail }), ...(r.choice === undefined ? {} : { choice: r.choice }) });
  }
  return { judgements, binding: b };
}
