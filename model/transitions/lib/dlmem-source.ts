/**
 * What dlmem makes of its source (the dlmem-source chapter of SPEC.md) and of the image in it (dlmem-elf).
 *
 * The source step comes before the image step: a loader given a non-virgin private file mapping
 * may read the file rather than the buffer (dlmem.source.non-virgin), so what the buffer holds is
 * only decisive once the source is one dlmem reads from. Every outcome from here on cites the two
 * unchanged-source clauses: the model never changes the source region.
 *
 * @module
 */
import { CLAUSE_FACTS, type ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Outcome } from '../../types/outcome.js';
import type { Backing } from '../../types/state.js';
import { type ElfDefect, OPEN_DEFECTS } from '../../elf/index.js';
import { failure, unspecified } from '../../outcome/build.js';
import { type DlmemPlan, type DlmemRequest, withOk } from './dlmem-request.js';
import { factsOf, imageAt, imageBytes, neededBytes } from './image.js';
import { anonPrivateCite } from './memory.js';
import { type Fork, along, end, goOn, qualify } from './result.js';

const NULL = { kind: 'null' } as const;
const UNCHANGED: readonly ClauseId[] = ['dlmem.source.bytes-unchanged', 'dlmem.source.protections-unchanged'];

/** The source kinds dlmem supports, the ones it leaves unspecified, and how each is backed. */
export function sourceStep(req: DlmemRequest): Fork<DlmemPlan> {
  const image = imageAt(req.region, req.offset);
  const plan = (cites: readonly ClauseId[], backing: Backing, placeCites: readonly ClauseId[]): DlmemPlan =>
    ({ ...withOk(req, [...cites, ...UNCHANGED]), image, backing, placeCites });
  const kind = req.region.kind;
  if (req.genbuf) return goOn(plan(['dlmem.source.genbuf-any'], 'copy', ['dlmem.place.genbuf-copy']));
  if (kind === 'file-private' && req.region.virgin) {
    return goOn(plan(['dlmem.source.virgin'], 'zero-copy-or-copy', ['dlmem.place.zero-copy', 'dlmem.place.file-offsets']));
  }
  // A shared source's pages may be mapped into the object (zero-copy) or copied; for shared
  // anonymous memory nothing in /proc/self/maps ties a mapping to it, so only later writes tell.
  if (kind === 'file-shared' || kind === 'memfd-shared' || kind === 'anon-shared') return goOn(plan(['dlmem.source.shared'], 'zero-copy-or-copy', []));
  const rule: ClauseId = kind === 'file-private' ? 'dlmem.source.non-virgin' : anonPrivateCite(req.world);
  const gap = kind === 'file-private'
    ? 'dlmem of a non-virgin private file mapping may fail or load the file\'s bytes instead of the buffer\'s'
    : 'what dlmem does with a private anonymous or heap source is not said';
  const route = along(req.route, 'unspecified', [rule], gap);
  const ended = [qualify(failure(req.state, NULL, 'unspecified', [rule], 'unspecified', gap), route)];
  if (kind === 'file-private') {
    ended.push(qualify(unspecified(req.state, { kind: 'any' }, [rule],
      'it may load the bytes the file holds, which the model does not track once the mapping was changed',
      { error: { kind: 'any' } }), route));
  }
  const backing: Backing = kind === 'file-private' ? 'zero-copy-or-copy' : 'copy';
  return { ended, go: [{ ...withOk(req, UNCHANGED), image, backing, placeCites: [], route }] };
}

/** How firmly the spec lets an image be rejected. */
type Rejection = 'specified' | 'implementation-defined' | 'unspecified';

/** The failure of rejecting the plan's image, citing `cites` (dlmem.elf.dlopen-equivalence: as dlopen would). */
function rejected(plan: DlmemPlan, cites: readonly ClauseId[], firmness: Rejection = 'specified', gap?: string): Outcome {
  const all: ClauseId[] = [...cites, 'dlmem.elf.dlopen-equivalence', 'dlmem.fail.clean'];
  return qualify(failure(plan.state, NULL, 'unspecified', all, firmness, gap), plan.route);
}

/**
 * The image check: no ELF header at `buffer`, headers or a PT_LOAD file range past `size`, or a defect the reader
 * found ends the call with the defect's clause; implementation-defined and unspecified defects,
 * a PIE and an executable stack also let the load go on.
 */
export function imageStep(plan: DlmemPlan): Fork<DlmemPlan> {
  if (plan.image === undefined) return end([rejected(plan, ['dlmem.elf.bad-magic'])]);
  const facts = factsOf(plan.world, plan.image);
  if (!facts.elf.ok) return defectStep(plan, facts.elf.defect);
  // A buffer that cuts the headers fails (dlmem.elf.truncated); one that cuts a PT_LOAD file range
  // may fail or load it zero-filled (dlmem.elf.load-past-size); what lies past both (section
  // headers) is never needed, so a buffer that ends there loads as the whole file would.
  const elf = facts.elf.elf;
  if (plan.size < elf.headersEnd) return end([rejected(plan, ['dlmem.elf.truncated', 'dlmem.args.size-bounds'])]);
  const bounds: ClauseId[] = plan.size !== imageBytes(plan.world, plan.image) ? ['dlmem.args.size-bounds', 'dlmem.elf.truncated'] : [];
  let go: DlmemPlan = { ...plan, okCites: [...plan.okCites, 'dlmem.elf.dlopen-equivalence', ...bounds] };
  const ended: Outcome[] = [];
  if (plan.size < neededBytes(plan.world, plan.image)) {
    const gap = 'a PT_LOAD file range runs past size: dlmem may fail or load the segment with the missing bytes as zero';
    ended.push(rejected(plan, ['dlmem.elf.load-past-size'], 'unspecified', gap));
    go = { ...go, route: along(go.route, 'unspecified', ['dlmem.elf.load-past-size'], gap) };
  }
  // An oddity a loader's dlopen may reject the image for (model/elf/doubts.ts): as dlopen of the
  // same bytes on the same loader does, which the model cannot know.
  for (const doubt of elf.doubts ?? []) {
    const gap = `dlmem fails or loads as dlopen of the same bytes does on this loader (${doubt.kind}: ${doubt.detail})`;
    ended.push(rejected(plan, [doubt.clause], 'unspecified', gap));
    go = { ...go, route: along(go.route, 'unspecified', [doubt.clause], gap) };
  }
  const choices = [[elf.isPie, 'dlmem.elf.not-dyn'], [elf.stackExec === true, 'dlmem.elf.exec-stack']] as const;
  for (const [applies, clause] of choices) {
    if (!applies) continue;
    ended.push(rejected(plan, [clause], 'implementation-defined'));
    go = { ...go, route: along(go.route, 'implementation-defined', [clause]), lateRejects: [...(go.lateRejects ?? []), clause] };
  }
  return { ended, go: [go] };
}

/**
 * A defect the reader found: rejected, or (for a defect a loader may accept: an
 * implementation-defined or unspecified clause, or one of the OPEN_DEFECTS, whose clause forbids
 * only a crash) also loaded.
 */
function defectStep(plan: DlmemPlan, defect: ElfDefect): Fork<DlmemPlan> {
  const status = CLAUSE_FACTS[defect.clause].status;
  if (defect.kind === 'not-dyn' || (status === 'normative' && !OPEN_DEFECTS.has(defect.kind))) return end([rejected(plan, [defect.clause])]);
  const cites: ClauseId[] = [defect.clause, 'dlmem.elf.dlopen-equivalence'];
  if (status === 'implementation-defined') {
    return {
      ended: [rejected(plan, [defect.clause], 'implementation-defined')],
      go: [{ ...plan, route: along(plan.route, 'implementation-defined', cites) }],
    };
  }
  const gap = `whether dlmem rejects the image is not said (${defect.kind}: ${defect.detail})`;
  return {
    ended: [rejected(plan, [defect.clause], 'unspecified', gap)],
    go: [{ ...plan, route: along(plan.route, 'unspecified', cites, gap) }],
  };
}
