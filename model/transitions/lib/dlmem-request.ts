/**
 * A dlmem call once its arguments are validated: the values the load steps work from, on one
 * route (the implementation-defined and unspecified choices taken to get there).
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { CallOf, Mode, PremapBehaviour } from '../../types/calls.js';
import type { Backing, ModelState, Region } from '../../types/state.js';
import type { World } from '../../world/world.js';
import type { Route } from './result.js';

/** A validated dlmem call. */
export interface DlmemRequest {
  /** The state the call starts from. */
  readonly state: ModelState;
  /** The call. */
  readonly call: CallOf<'dlmem'>;
  /** The world. */
  readonly world: World;
  /** The source region `buffer` points into. */
  readonly region: Region;
  /** The byte offset of `buffer` in the region. */
  readonly offset: number;
  /** `size`, resolved to bytes. */
  readonly size: number;
  /** The mode to load with (normalised by mode validation). */
  readonly mode: Mode;
  /** Whether relocation and constructors are deferred (RTLD_NORELOCATE accepted). */
  readonly deferred: boolean;
  /** dlm_args->soname, when non-NULL. */
  readonly soname: string | undefined;
  /** The target namespace. */
  readonly ns: number;
  /** Whether the call creates that namespace (LM_ID_NEWLM). */
  readonly newNamespace: boolean;
  /** The nsid clause that puts the object there (dlmem.args.nsid-*), once the nsid step ran. */
  readonly nsBy?: ClauseId;
  /** DLMEM_DONTREPLACE is set and takes effect. */
  readonly dontreplace: boolean;
  /** DLMEM_GENBUF_SRC is set and the profile defines it. */
  readonly genbuf: boolean;
  /** The premap callback's behaviour, when one is passed. */
  readonly premap: PremapBehaviour | undefined;
  /** How firmly the spec allows coming this far: the implementation-defined and unspecified choices taken. */
  readonly route: Route;
  /** The specified clauses that decided the way here; only a successful load cites them. */
  readonly okCites: readonly ClauseId[];
}

/** The request with its route extended. */
export function withRoute(req: DlmemRequest, route: Route, patch: Partial<DlmemRequest> = {}): DlmemRequest {
  return { ...req, ...patch, route };
}

/** The request with specified clauses added to what a successful load cites. */
export function withOk(req: DlmemRequest, cites: readonly ClauseId[], patch: Partial<DlmemRequest> = {}): DlmemRequest {
  return { ...req, ...patch, okCites: [...new Set([...req.okCites, ...cites])] };
}

/** A request whose source is accepted: the image to load and how its pages will be backed. */
export interface DlmemPlan extends DlmemRequest {
  /** The fixture image whose header is at `buffer`, if any (the ELF step rejects a buffer without one). */
  readonly image: string | undefined;
  /** How the object's pages are backed unless a kept premap mapping decides (dlmem.place.*). */
  readonly backing: Backing;
  /** Where and how the source's pages are placed: cited by a successful load unless a kept premap mapping decides. */
  readonly placeCites: readonly ClauseId[];
  /**
   * Defects a loader may reject the image for after premap has run (a PIE, an executable stack:
   * dlmem.premap.not-called-invalid lets premap come first), as well as before it.
   */
  readonly lateRejects?: readonly ClauseId[];
}
