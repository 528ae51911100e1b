/**
 * The part of dlopen and dlmopen after mode validation: find the object in the namespace, open
 * it again or load it fresh.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Mode } from '../../types/calls.js';
import type { Outcome, Outcomes } from '../../types/outcome.js';
import type { ModelState } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { toOutcome } from '../../loader/branch.js';
import { type RootSpec, loadClosure } from '../../loader/closure.js';
import { freshLoad } from '../../loader/open.js';
import { failure, implementationDefined } from '../../outcome/build.js';
import { MAIN_OBJECT } from '../../state/initial.js';
import { closureOf, findOpened, hasFlag, objectAt } from '../../state/objects.js';
import { factsOf } from './image.js';
import { isDeferred } from './mode.js';
import { FIRM, along, qualify } from './result.js';
import { reopen } from './reopen.js';
import { relocatedThen } from './trigger.js';

/** What to open, once the mode is valid. */
export interface OpenRequest {
  /** The fixture to open, or null for the main program (dlopen(NULL)). */
  readonly image: string | null;
  /** The namespace. */
  readonly ns: number;
  /** True when `ns` is a new namespace (LM_ID_NEWLM) that exists once the call succeeds. */
  readonly newNs: boolean;
  /** The mode, after validation. */
  readonly mode: Mode;
  /** Clauses every outcome adds (base.dlmopen.newlm). */
  readonly cites: readonly ClauseId[];
}

const never = (): never => { throw new Error('model bug: a failed branch has no return'); };

/** Loads the root and its closure fresh (freshLoad), returning its handle. */
function load(state: ModelState, world: World, root: RootSpec, deferred: boolean, req: OpenRequest): Outcomes {
  const cites: ClauseId[] = [deferred ? 'noreloc.mode.flag' : 'base.dlopen.ctors-before-return'];
  return freshLoad(state, world, root, deferred, cites).map((b) => {
    const o = toOutcome(b, [], { kind: 'null' }, (ok) => ({ ret: { kind: 'handle', object: ok.object ?? never() } }));
    return req.newNs && o.ret.kind === 'handle' ? { ...o, next: { ...o.next, namespaces: Math.max(o.next.namespaces, req.ns + 1) } } : o;
  });
}

/** Objects already loaded and still unrelocated that loading `root` would bind to. */
function unrelocatedDeps(state: ModelState, world: World, root: RootSpec): readonly number[] {
  const preview = loadClosure(state, world, root);
  if (!preview.ok) return [];
  return closureOf(preview.state, preview.root)
    .filter((id) => !preview.added.includes(id) && objectAt(preview.state, id).status === 'unrelocated');
}

/**
 * A plain dlopen of an object that depends on an unrelocated one (noreloc.dependent.plain-dlopen):
 * the unrelocated objects are relocated first, their constructors before the new object's, or
 * the call fails; binding to an unrelocated image is never allowed.
 */
function dependentLoad(state: ModelState, world: World, root: RootSpec, stale: readonly number[], req: OpenRequest): Outcomes {
  const cite: ClauseId = 'noreloc.dependent.plain-dlopen';
  const gap = 'a plain dlopen of an object that depends on an unrelocated object: whether it relocates that object first or fails is not said';
  const first = (s: ModelState, pending: readonly number[]): Outcomes => {
    const todo = pending.filter((id) => objectAt(s, id).status === 'unrelocated');
    if (todo.length === 0) return load(s, world, root, false, req);
    return relocatedThen(s, world, todo[0] as number, [cite], { kind: 'null' }, (after) => first(after, todo.slice(1)));
  };
  return [
    ...first(state, stale).map((o) => qualify(o, along(FIRM, 'unspecified', [cite], gap))),
    failure(state, { kind: 'null' }, 'unspecified', [cite], 'unspecified', gap),
  ];
}

/**
 * With RTLD_NOLOAD nothing is loaded and the call returns NULL; whether that NULL leaves a
 * dlerror() message is implementation-defined (base.dlopen.noload).
 */
function notLoaded(state: ModelState): Outcomes {
  return [failure(state, { kind: 'null' }, 'unspecified', ['base.dlopen.noload'], 'implementation-defined'),
    implementationDefined(state, { kind: 'null' }, ['base.dlopen.noload'])];
}

/** A fresh load of `image` (nothing, with RTLD_NOLOAD). */
function fresh(state: ModelState, world: World, image: string, name: string, req: OpenRequest): Outcomes {
  if (hasFlag(req.mode, 'RTLD_NOLOAD')) return notLoaded(state);
  const deferred = isDeferred(req.mode, world);
  const root: RootSpec = { image, ns: req.ns, name, via: 'dlopen', placement: { kind: 'loader' }, backing: 'file', mode: req.mode };
  const stale = deferred ? [] : unrelocatedDeps(state, world, root);
  if (stale.length > 0 && world.profile.has('noreloc.dependent.plain-dlopen')) return dependentLoad(state, world, root, stale, req);
  return load(state, world, root, deferred, req);
}

/**
 * The outcomes of opening `req.image` in `req.ns` (not yet bound to the call's variable): the
 * object already there is opened again (base.dlopen.dedup and noreloc.reopen.*), else it is
 * loaded. An object dlmem loaded under the same name may or may not satisfy the request
 * (dlmem.names.satisfies-needed).
 */
export function openObject(state: ModelState, world: World, req: OpenRequest): Outcomes {
  const deferred = isDeferred(req.mode, world);
  const noload = hasFlag(req.mode, 'RTLD_NOLOAD');
  const extra = (outcomes: Outcomes): Outcomes => outcomes.map((o: Outcome) => qualify(o, along(FIRM, 'specified', req.cites)));
  if (req.image === null) return extra(reopen(state, world, { id: MAIN_OBJECT, deferred, noload }));
  const facts = factsOf(world, req.image);
  if (!facts.elf.ok) throw new Error(`script error: dlopen of fixture '${req.image}', which the ELF reader rejects, is not modelled`);
  const existing = req.newNs ? undefined : findOpened(state, req.ns, facts.fileName);
  if (existing === undefined) return extra(fresh(state, world, req.image, facts.fileName, req));
  const again = reopen(state, world, { id: existing.id, deferred, noload });
  if (existing.via !== 'dlmem' || !world.profile.has('dlmem.names.satisfies-needed')) return extra(again);
  const gap = `whether the object dlmem loaded as '${facts.fileName}' satisfies a dlopen by that name is not said`;
  const route = along(FIRM, 'unspecified', ['dlmem.names.satisfies-needed'], gap);
  return extra([...again, ...fresh(state, world, req.image, facts.fileName, req)].map((o) => qualify(o, route)));
}
