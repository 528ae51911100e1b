/**
 * The caller's own memory operations: helpers the eight memory transitions share.
 *
 * A memory operation involves no loader, so the spec has nothing to say about the operation
 * itself; what it has to say is what the operation makes of the region for a later dlmem (or, in
 * the norelocate profiles, for a later dlset_object_base). Each operation therefore cites the
 * clauses that give its result a meaning for those calls, and always succeeds with one
 * `specified` outcome, except when it names a region the script never mapped, or one it has
 * unmapped (for anything but munmap): that is the caller touching memory it does not own,
 * undefined behaviour.
 *
 * In the norelocate profiles no dlmem clause is in force; caller memory matters there only as the
 * place an unrelocated object is copied to, so every operation cites noreloc.setbase.caller-copy.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Prot } from '../../types/calls.js';
import type { Effect, Outcomes } from '../../types/outcome.js';
import type { ModelState, Region } from '../../types/state.js';
import type { World } from '../../world/world.js';
import { specified, undefinedBehaviour } from '../../outcome/build.js';
import { withRegion } from '../../state/vars.js';

/**
 * The clauses a memory operation cites: `dlmemCites` that are in force in a dlmem profile, or
 * noreloc.setbase.caller-copy in a norelocate profile.
 */
export function memoryCites(world: World, dlmemCites: readonly ClauseId[]): readonly ClauseId[] {
  if (world.profile.proposal === 'norelocate') return ['noreloc.setbase.caller-copy'];
  const inForce = dlmemCites.filter((c) => world.profile.has(c));
  if (inForce.length === 0) throw new Error(`model bug: no clause of ${dlmemCites.join(', ')} in force in ${world.profile.id}`);
  return inForce;
}

/** The clause that says what a private anonymous or heap source is worth to dlmem in this profile. */
export function anonPrivateCite(world: World): ClauseId {
  return world.profile.has('dlmem.source.anon-private') ? 'dlmem.source.anon-private' : 'dlmem.source.anon-private-branch';
}

/** The fields of a new region that differ between the operations. */
export interface RegionSpec {
  /** Its backing. */
  readonly kind: Region['kind'];
  /** Its length in bytes. */
  readonly length: number;
  /** What it holds, and from where. */
  readonly content: Region['content'];
  /** Where the content starts (negative: before the region). */
  readonly contentAt?: number;
  /** Whether its start is page-aligned (default true: mmap returns whole pages). */
  readonly aligned?: boolean;
  /** Its protections. */
  readonly prot: Prot;
  /** Whether it lies below 4 GiB. */
  readonly below4g?: boolean;
}

/** A region just made: its protections are the ones it was made with; a private file mapping is virgin. */
export function makeRegion(id: string, spec: RegionSpec): Region {
  return {
    id, kind: spec.kind, length: spec.length, content: spec.content, contentAt: spec.contentAt ?? 0,
    aligned: spec.aligned ?? true, prot: spec.prot,
    virgin: spec.kind === 'file-private', mapped: true, below4g: spec.below4g ?? false,
  };
}

/** The one outcome of a memory operation that stores `region`. */
export function stored(state: ModelState, region: Region, cites: readonly ClauseId[], effects: readonly Effect[] = []): Outcomes {
  return [specified(withRegion(state, region), { kind: 'none' }, cites, { effects })];
}

/**
 * The mapped region an operation names, or the undefined-behaviour outcome of naming a region
 * that was never mapped or is no longer.
 */
export function target(
  state: ModelState, id: string, cites: readonly ClauseId[], what: string,
): { readonly region: Region } | { readonly outcomes: Outcomes } {
  const region = state.regions.get(id);
  if (region === undefined) {
    return { outcomes: [undefinedBehaviour(state, cites, `${what} names region '${id}', which the script never mapped`)] };
  }
  if (!region.mapped) {
    return { outcomes: [undefinedBehaviour(state, cites, `${what} touches region '${id}' after it was unmapped`)] };
  }
  return { region };
}

/**
 * A region the caller has written, mprotect'ed or moved: a private file mapping is no longer
 * virgin (dlmem.source.virgin). When its bytes change (`bytesChange`), a copy of an object that
 * `copy-object` placed there is gone (noreloc.setbase.caller-copy).
 */
export function touched(region: Region, patch: Partial<Region>, bytesChange = true): Region {
  const { copyOf, ...rest } = region;
  const kept = bytesChange || copyOf === undefined ? {} : { copyOf };
  const writes = bytesChange ? { writes: (region.writes ?? 0) + 1 } : {};
  return { ...rest, ...kept, ...writes, ...patch, virgin: false };
}
