/**
 * The abstraction that maps a model state (and the outcome that reached it) onto the variables of
 * the TLA+ modules (spec/tla/Loader.tla, Dlmem.tla, Norelocate.tla):
 *
 * - `objs`: model object i is TLA object i + 1, with its image (a system library's name, "main"
 *   for the program), namespace, l_name, DT_SONAME ("" for none), open count, status, direct
 *   dependencies, how it came in, whether it was opened with RTLD_NODELETE (never for a system
 *   library, which is not unloaded), and where it lies: "loader", "premap", or "moved" to region `to`;
 * - `log`: the constructor and destructor events, each `[ev, obj]`;
 * - `err`: the error number dlerror() reports next, "unspecified", or "none";
 * - `ret`: what the call returned, `[kind, val]`: a handle or symbol with its object, an int with
 *   its value; the values the caller's own code returns (call, read-data, write-data, dladdr) and
 *   dlerror()'s text are not kept, only their kind;
 * - `regions`: the caller's regions by name (premap mappings aside): kind, virgin, page-aligned,
 *   mapped, readable, writable, and the object whose copy copy-object put there (0 for none);
 * - `nss`: the number of namespaces;
 * - Dlmem only: `pmaps`, each premap mapping by its object (`premap:<i>` is object i + 1) and
 *   whether it is still mapped, and `premaps`, how many premap calls the outcome made.
 *
 * Everything else (symbols' values, data, the bytes regions hold, layouts) is not abstracted.
 *
 * @module
 */
import type { Outcome, Ret } from '../../model/types/outcome.js';
import type { LoadedObject, ModelState, Region } from '../../model/types/state.js';
import { type Value, funOf, recordOf, seqOf } from '../../spec/tlacheck/values.js';

/** The TLA+ modules trace validation checks against. */
export type TraceModule = 'Dlmem' | 'Norelocate';

const PREMAP = /^premap:(\d+)$/;

/** An object as Loader.tla's `objs` holds it. */
function object(o: LoadedObject): Value {
  const placement = o.placement;
  return recordOf({
    img: o.image, ns: o.ns, name: o.name, soname: o.soname ?? '', refs: o.refs, st: o.status,
    deps: seqOf(o.deps.map((d) => d + 1)), via: o.via,
    nodelete: !o.system && o.mode.flags.includes('RTLD_NODELETE'),
    at: placement.kind, to: placement.kind === 'moved' ? placement.region : '',
  });
}

function region(r: Region): Value {
  return recordOf({
    kind: r.kind, virgin: r.virgin, aligned: r.aligned, mapped: r.mapped, rd: r.prot.r, wr: r.prot.w,
    copy: r.copyOf === undefined ? 0 : r.copyOf + 1,
  });
}

/** A return value as `ret` holds it. */
export function retValue(ret: Ret): Value {
  switch (ret.kind) {
    case 'handle': return recordOf({ kind: 'handle', val: ret.object + 1 });
    case 'symbol': return recordOf({ kind: 'symbol', val: ret.object + 1 });
    case 'int': return recordOf({ kind: 'int', val: ret.value });
    case 'string': return recordOf({ kind: ret.text === null ? 'null' : 'string', val: 0 });
    default: return recordOf({ kind: ret.kind, val: 0 });
  }
}

/** What a call's outcome contributes beyond the state: its return, and the premap calls it made. */
export interface Observed {
  /** `ret`. */
  readonly ret: Value;
  /** How many premap calls it made. */
  readonly premaps: number;
}

/** The observation before any call. */
export const NOTHING_OBSERVED: Observed = { ret: recordOf({ kind: 'none', val: 0 }), premaps: 0 };

/** What `outcome` observed; a call of the caller's own code keeps only the kind of its return. */
export function observed(outcome: Outcome, ownCode: boolean): Observed {
  const ret = ownCode ? recordOf({ kind: outcome.ret.kind === 'string' ? 'string' : outcome.ret.kind, val: 0 }) : retValue(outcome.ret);
  return { ret, premaps: outcome.effects.filter((e) => e.kind === 'premap-call').length };
}

/** The values of `module`'s variables, by name, for `state` as reached with `seen`. */
export function abstractState(module: TraceModule, state: ModelState, seen: Observed): ReadonlyMap<string, Value> {
  const regions: [Value, Value][] = [];
  const pmaps: [Value, Value][] = [];
  for (const [id, r] of state.regions) {
    const premap = PREMAP.exec(id);
    if (premap !== null) pmaps.push([Number(premap[1]) + 1, r.mapped]);
    else regions.push([id, region(r)]);
  }
  const vars = new Map<string, Value>([
    ['objs', seqOf(state.objects.map(object))],
    ['log', seqOf(state.events.map((e) => recordOf({ ev: e.kind, obj: e.object + 1 })))],
    ['err', state.dlerror === null ? 'none' : state.dlerror.errno],
    ['ret', seen.ret],
    ['regions', funOf(regions)],
    ['nss', state.namespaces],
  ]);
  if (module === 'Dlmem') {
    vars.set('pmaps', funOf(pmaps));
    vars.set('premaps', seen.premaps);
  }
  return vars;
}
