/**
 * The loading half of dlmem: the premap callback (the dlmem-premap chapter of SPEC.md), placement
 * (dlmem-place) and the shared load pipeline with dependencies, relocation and constructors
 * (dlmem-lifecycle).
 *
 * A premap mapping is a caller region named `premap:<object id>` (the id the object gets, or
 * would have got), of kind 'premap' and `maplength` bytes long.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Effect, Outcome, Outcomes } from '../../types/outcome.js';
import type { Backing, ModelState, Placement, Region } from '../../types/state.js';
import { failure, undefinedBehaviour } from '../../outcome/build.js';
import { type Branch, toOutcome } from '../../loader/branch.js';
import type { RootSpec } from '../../loader/closure.js';
import { freshLoad } from '../../loader/open.js';
import { withRegion } from '../../state/vars.js';
import type { DlmemPlan } from './dlmem-request.js';
import { factsOf, imageExtent } from './image.js';
import { makeRegion } from './memory.js';
import { type Fork, type Route, along, end, goOn, qualify, andThen } from './result.js';

const NULL = { kind: 'null' } as const;

/** Where the object goes, once premap (if any) has run. */
interface Placed {
  readonly plan: DlmemPlan;
  readonly placement: Placement;
  readonly backing: Backing;
  /** The mapping premap made, when it made one. */
  readonly premapRegion: Region | undefined;
  /** The premap call, when there was one. */
  readonly effects: readonly Effect[];
  /** Clauses only a successful load cites. */
  readonly okCites: readonly ClauseId[];
  readonly route: Route;
}

/** Places and loads the object of an accepted plan: every outcome from premap on. */
export function placeAndLoad(plan: DlmemPlan): Outcomes {
  const fork = andThen(premapStep(plan), (placed) => end<never>([...lateRejections(placed), ...load(placed)]));
  return fork.ended;
}

/**
 * A defect the loader may reject the image for once premap has run (dlmem.premap.not-called-invalid
 * lets premap come before the check of a PIE or an executable stack): the failure after the premap
 * call, with the mapping premap made kept or unmapped.
 */
function lateRejections(placed: Placed): Outcomes {
  const { plan } = placed;
  if (placed.effects.length === 0) return [];
  return (plan.lateRejects ?? []).flatMap((clause) => {
    const cites: ClauseId[] = [clause, 'dlmem.premap.not-called-invalid', 'dlmem.elf.dlopen-equivalence', 'dlmem.fail.clean'];
    const failed = failure(plan.state, NULL, 'unspecified', cites, 'implementation-defined', undefined, placed.effects);
    const fates = placed.premapRegion === undefined ? [failed] : premapFates(failed, placed.premapRegion);
    return fates.map((o) => qualify(o, placed.route));
  });
}

/** The premap callback's behaviours (dlmem.premap.*), called once the arguments and headers are valid. */
function premapStep(plan: DlmemPlan): Fork<Placed> {
  const loader: Placed = {
    plan, placement: { kind: 'loader' }, backing: plan.backing, premapRegion: undefined, effects: [],
    okCites: plan.placeCites, route: plan.route,
  };
  const behaviour = plan.premap;
  if (behaviour === undefined) return goOn(loader);
  const id = plan.state.objects.length;
  const extent = imageExtent(plan.world, plan.image as string);
  const call: Effect = { kind: 'premap-call', object: id, maplength: extent.mapLength };
  const region = makeRegion(`premap:${id}`, {
    kind: 'premap', length: extent.length, content: null,
    aligned: behaviour !== 'misaligned', prot: { r: true, w: true, x: false }, below4g: behaviour === 'map32bit',
  });
  const called: ClauseId[] =
    ['dlmem.premap.called-once', 'dlmem.premap.maplength', 'dlmem.args.cookie'];
  const inRegion = (route: Route): Placed => ({
    plan, placement: { kind: 'premap', region: region.id, kept: plan.dontreplace },
    backing: plan.dontreplace ? 'premap-kept' : plan.backing, premapRegion: region, effects: [call], route,
    okCites: [...called, ...inPremapCites(plan)],
  });
  switch (behaviour) {
    case 'anon': case 'memfd-shared': case 'map32bit':
      return goOn(inRegion(along(plan.route, 'specified', ['dlmem.premap.return-usable'])));
    case 'short':
      return end([qualify(undefinedBehaviour(plan.state, ['dlmem.premap.return-short'],
        'premap returned a mapping shorter than maplength'), plan.route)]);
    case 'reentrant-dlopen':
      return end([qualify(undefinedBehaviour(plan.state, ['dlmem.premap.no-dl-calls'],
        'premap called dlopen while dlmem holds the loader lock'), plan.route)]);
    case 'misaligned': {
      const gap = 'dlmem may reject a misaligned premap return or place the object there (dlmem.premap.return-misaligned)';
      const route = along(plan.route, 'unspecified', ['dlmem.premap.return-misaligned'], gap);
      const cites: ClauseId[] = ['dlmem.premap.return-misaligned', ...called];
      const rejected = failure(plan.state, NULL, 'unspecified', cites, 'unspecified', gap, [call]);
      return { ended: premapFates(rejected, region).map((o) => qualify(o, route)), go: [inRegion(route)] };
    }
    case 'map-failed': case 'null': {
      const clause: ClauseId = behaviour === 'null' ? 'dlmem.premap.return-null' : 'dlmem.premap.return-map-failed';
      const gap = `what a ${behaviour === 'null' ? 'NULL' : 'MAP_FAILED'} premap return means is not said: `
        + 'dlmem may fail or choose the address itself';
      const route = along(plan.route, 'unspecified', [clause, ...called], gap);
      return {
        ended: [qualify(failure(plan.state, NULL, 'unspecified', [clause], 'unspecified', gap, [call]), route)],
        go: [{ ...loader, effects: [call], route }],
      };
    }
  }
}

/**
 * What a load into the premap mapping cites. A kept mapping (DLMEM_DONTREPLACE) decides the
 * backing, so the source's placement clauses no longer apply; a replaced one keeps them.
 */
function inPremapCites(plan: DlmemPlan): readonly ClauseId[] {
  const base: ClauseId[] = ['dlmem.place.premap-base', 'dlmem.premap.object-only'];
  if (!plan.dontreplace) return [...base, 'dlmem.place.premap-replaced', ...plan.placeCites];
  const shared: ClauseId[] = plan.premap === 'memfd-shared' ? ['dlmem.place.dontreplace-shared'] : [];
  return [...base, 'dlmem.place.dontreplace', 'dlmem.premap.dontreplace-copy', ...shared];
}

/**
 * A failure after premap made a mapping: the loader may unmap it or leave it to the caller
 * (dlmem.fail.premap-mapping), two outcomes.
 */
function premapFates(failed: Outcome, region: Region): Outcomes {
  const gap = 'whether a failed dlmem unmaps the premap mapping is not said (dlmem.fail.premap-mapping)';
  const cites: ClauseId[] = [...failed.cites, 'dlmem.fail.premap-mapping'];
  const joined = failed.gap === undefined ? gap : `${failed.gap}; ${gap}`;
  const kept: Outcome = { ...failed, next: withRegion(failed.next, region), cites, firmness: 'unspecified', gap: joined };
  const removed: Outcome = {
    ...failed, next: withRegion(failed.next, { ...region, mapped: false }), cites, firmness: 'unspecified', gap: joined,
    effects: [...failed.effects, { kind: 'region-unmapped', region: region.id }],
  };
  return [kept, removed];
}

/**
 * What a successful load promises because of what the image holds: TLS (dlmem.elf.tls), its hash
 * tables and versioning (dlmem.elf.hash-and-versions). RTLD_GLOBAL (dlmem.names.global) shows
 * only when a lookup through the global scope finds the object (dlsym.ts), not at the load.
 */
function imageCites(plan: DlmemPlan): readonly ClauseId[] {
  const facts = factsOf(plan.world, plan.image as string);
  const elf = facts.elf.ok ? facts.elf.elf : undefined;
  const cites: ClauseId[] = [];
  if (elf?.tls !== undefined) cites.push('dlmem.elf.tls');
  const dynamic = elf?.dynamic;
  if (dynamic !== undefined && (!dynamic.hasGnuHash || !dynamic.hasVersym)) cites.push('dlmem.elf.hash-and-versions');
  return cites;
}

/** The shared pipeline: map the closure, relocate, run constructors; clean up after a failure. */
function load(placed: Placed): Outcomes {
  const { plan } = placed;
  let start: ModelState = placed.premapRegion === undefined ? plan.state : withRegion(plan.state, placed.premapRegion);
  if (plan.newNamespace) start = { ...start, namespaces: start.namespaces + 1 };
  const name = plan.soname ?? '';
  const root: RootSpec = {
    image: plan.image as string, ns: plan.ns, name, via: 'dlmem', placement: placed.placement, backing: placed.backing,
    mode: plan.mode, source: { region: plan.region.id, writes: plan.region.writes ?? 0, kind: plan.region.kind, fileOffset: imageFileOffset(plan.region) },
    ...(plan.nsBy === undefined ? {} : { nsBy: plan.nsBy }),
  };
  const branches = freshLoad(start, plan.world, root, plan.deferred, ['dlmem.deps.loaded'], 'dlmem.deps.missing');
  const okCites: ClauseId[] = ['dlmem.args.handle', name === '' ? 'dlmem.names.anonymous' : 'dlmem.names.soname',
    'dlmem.names.visible', ...imageCites(plan), ...(plan.deferred ? [] : ['dlmem.deps.ctors-order'] as const),
    ...plan.okCites, ...placed.okCites];
  return branches.flatMap((branch) => {
    const b: Branch = { ...branch, effects: [...placed.effects, ...branch.effects] };
    if (b.ok) {
      const object = b.object as number;
      const loaded = toOutcome(b, okCites, NULL, () => ({ ret: { kind: 'handle', object }, value: { kind: 'handle', object } }));
      return [qualify(loaded, placed.route)];
    }
    const relocation = !b.cites.includes('dlmem.deps.missing');
    const failed = toOutcome({ ...b, state: { ...b.state, namespaces: plan.state.namespaces } },
      ['dlmem.fail.clean', ...(relocation ? ['dlmem.deps.undefined'] as const : [])], NULL, () => ({ ret: NULL }));
    const fates = placed.premapRegion === undefined ? [failed] : premapFates(failed, placed.premapRegion);
    return fates.map((o) => qualify(o, placed.route));
  });
}

/**
 * Where the image starts in the file behind a file-backed source (a file or memfd mapping): what
 * zero-copy segment offsets are relative to (dlmem.place.file-offsets). A container holds it at
 * its `at`; a plain image file at 0.
 */
function imageFileOffset(region: Region): number | undefined {
  if (region.kind !== 'file-private' && region.kind !== 'file-shared' && region.kind !== 'memfd-shared') return undefined;
  const content = region.content;
  return content === null || 'junk' in content ? undefined : 'container' in content ? content.at : 0;
}
