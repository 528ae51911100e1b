/**
 * Text forms of calls and outcomes, so that a script, a counterexample or a report reads like the
 * C calls it stands for.
 *
 * @module
 */
import { protString } from '../layout/index.js';
import type { Call, Mode, Prot } from '../types/calls.js';
import type { Effect, Outcome, Ret } from '../types/outcome.js';

const prot: (p: Prot) => string = protString;

function mode(m: Mode): string {
  const bits: string[] = [...m.flags];
  if (m.extraBits !== undefined) bits.push(`0x${m.extraBits.toString(16)}`);
  return bits.length === 0 ? '0' : bits.join('|');
}

function assign(as: string | undefined, text: string): string {
  return as === undefined ? text : `${as} = ${text}`;
}

/** A call as C-like text, e.g. `h = dlopen("ctor", RTLD_NOW|RTLD_NORELOCATE)`. */
export function formatCall(call: Call): string {
  switch (call.type) {
    case 'dlopen': return assign(call.as, `dlopen(${call.file === null ? 'NULL' : JSON.stringify(call.file)}, ${mode(call.mode)})`);
    case 'dlmopen': return assign(call.as, `dlmopen(${JSON.stringify(call.nsid)}, ${JSON.stringify(call.file)}, ${mode(call.mode)})`);
    case 'dlmem': {
      const buffer = call.buffer === null ? 'NULL' : `${call.buffer.region}${call.buffer.offset ? `+${call.buffer.offset}` : ''}`;
      return assign(call.as, `dlmem(${buffer}, ${String(call.size)}, ${mode(call.mode)}, ${call.args === null ? 'NULL' : JSON.stringify(call.args)})`);
    }
    case 'fdlopen': return assign(call.as, `fdlopen(${JSON.stringify(call.file)}, ${mode(call.mode)})`);
    case 'dlopen-with-offset':
      return assign(call.as, `dlopen_with_offset(${JSON.stringify(call.container)}, ${call.offset}, ${String(call.length)}, ${mode(call.mode)})`);
    case 'dlsym': return assign(call.as, `dlsym(${call.handle}, ${JSON.stringify(call.symbol)})`);
    case 'dladdr': return assign(call.as, `dladdr(${JSON.stringify(call.address)})`);
    case 'dlinfo': return assign(call.as, `dlinfo(${call.handle}, ${String(call.request)})`);
    case 'dlrelocate': return `dlrelocate(${call.handle}${call.base === undefined ? '' : `, ${call.base}`})`;
    case 'dlset-object-base': return `dlset_object_base(${call.handle}, ${call.base === null ? 'NULL' : call.base.region})`;
    case 'dlclose': return `dlclose(${call.handle})`;
    case 'dlerror': return 'dlerror()';
    case 'call': return assign(call.as, `${call.symbol}()`);
    case 'read-data': return assign(call.as, `*${call.symbol}${call.via === undefined ? '' : ` via ${call.via}`}`);
    case 'write-data': return `*${call.symbol} = ${call.value}`;
    case 'mprotect': return `mprotect(${call.region}, ${prot(call.prot)})`;
    case 'munmap': return `munmap(${call.region})`;
    case 'memmove': return `memmove(${call.region}, shift ${call.shift})`;
    case 'copy-in': return `memcpy(${call.region}+${call.offset ?? 0}, ${JSON.stringify(call.content)})`;
    case 'copy-object': return `memcpy(${call.to}, image of ${call.handle})`;
    case 'mmap-file': return `${call.as} = mmap(file ${JSON.stringify(call.file)}, ${prot(call.prot)}, ${call.shared ? 'MAP_SHARED' : 'MAP_PRIVATE'})`;
    case 'mmap-anon': return `${call.as} = mmap(anon ${String(call.length)}, ${prot(call.prot)}, ${call.shared ? 'MAP_SHARED' : 'MAP_PRIVATE'}${call.below4g ? '|MAP_32BIT' : ''})`;
    case 'memfd': return `${call.as} = memfd(${JSON.stringify(call.content)}, ${prot(call.prot)})`;
    case 'malloc': return `${call.as} = malloc(${JSON.stringify(call.content)}${call.misalign ? ` + ${call.misalign}` : ''})`;
  }
}

/** A return value class as text. */
export function formatRet(ret: Ret): string {
  switch (ret.kind) {
    case 'handle': return `handle #${ret.object}`;
    case 'symbol': return `&${ret.name} in #${ret.object}`;
    case 'int': return String(ret.value);
    case 'string': return ret.text === null ? 'NULL' : JSON.stringify(ret.text);
    default: return ret.kind;
  }
}

function formatEffect(e: Effect): string {
  return 'object' in e ? `${e.kind} #${e.object}` : `${e.kind} ${e.region}`;
}

/** One outcome on one line (plus the gap for open spots). */
export function formatOutcome(o: Outcome): string {
  const error = o.error.kind === 'error' ? ` · dlerror ${o.error.errno}` : o.error.kind === 'any' ? ' · dlerror any' : '';
  const effects = o.effects.length > 0 ? ` · effects: ${o.effects.map(formatEffect).join(', ')}` : '';
  const gap = o.gap === undefined ? '' : `\n      gap: ${o.gap}`;
  return `${formatRet(o.ret)}${error} · ${o.firmness}${effects}\n      clauses: ${o.cites.join(', ')}${gap}`;
}
