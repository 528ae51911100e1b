/**
 * Test helpers for the memory and dlmem-family transitions: a world with a few defective images
 * beside the standard ones, states with a source region, and a runner that checks every outcome
 * against the model's invariants.
 *
 * @module
 */
import type { ClauseId } from '../../../spec/clause-ids.gen.js';
import type { Call, Content, Prot } from '../../types/calls.js';
import type { Outcome, Outcomes } from '../../types/outcome.js';
import type { ModelState } from '../../types/state.js';
import type { ImageFacts, ProfileId, World } from '../../world/world.js';
import type { ElfDefect } from '../../elf/index.js';
import type { Transition } from '../transition.js';
import { checkInvariants } from '../../invariants/invariants.js';
import { initialState } from '../../state/initial.js';
import { SAMPLE_IMAGES, sampleElf, sampleFacts, sampleWorld } from '../../world/sample.js';
import { mmapFile } from '../mmap-file.js';

/** PROT_READ. */
export const R: Prot = { r: true, w: false, x: false };
/** PROT_READ | PROT_WRITE. */
export const RW: Prot = { r: true, w: true, x: false };

function defective(name: string, defect: ElfDefect): ImageFacts {
  return { ...sampleFacts({ name }), elf: { ok: false, defect } };
}

/**
 * The standard test world plus: 'bad-machine' (rejected, dlmem.elf.wrong-machine), 'no-dyn'
 * (dlmem.elf.no-dynamic), 'overlap' (dlmem.elf.load-overlap), 'dyn-out' (a dynamic table outside the
 * image, dlmem.elf.no-crash), 'odd' (a bad e_ident: a doubt, dlmem.elf.dlopen-equivalence), 'pie' (an ET_DYN executable) and
 * 'execstack' (PT_GNU_STACK with PF_X).
 */
export function memWorld(profile: ProfileId = 'dlmem-v9'): World {
  const base = sampleWorld(profile, SAMPLE_IMAGES);
  const images = new Map(base.images);
  const add = (facts: ImageFacts): void => { images.set(facts.name, facts); };
  add(defective('bad-machine', { kind: 'wrong-machine', clause: 'dlmem.elf.wrong-machine', detail: 'e_machine 3' }));
  add(defective('no-dyn', { kind: 'no-dynamic', clause: 'dlmem.elf.no-dynamic', detail: 'no PT_DYNAMIC' }));
  add(defective('overlap', { kind: 'load-overlap', clause: 'dlmem.elf.load-overlap', detail: 'PT_LOADs overlap' }));
  add(defective('dyn-out', { kind: 'dynamic-out-of-range', clause: 'dlmem.elf.no-crash', detail: 'DT_STRTAB outside every PT_LOAD' }));
  const doubts = [{ kind: 'bad-ident', clause: 'dlmem.elf.dlopen-equivalence', detail: 'e_version is 2' } as const];
  add({ ...sampleFacts({ name: 'odd' }), elf: { ok: true, elf: { ...sampleElf({ name: 'odd' }), doubts } } });
  add({ ...sampleFacts({ name: 'pie' }), elf: { ok: true, elf: { ...sampleElf({ name: 'pie' }), isPie: true } } });
  add({ ...sampleFacts({ name: 'execstack' }), elf: { ok: true, elf: { ...sampleElf({ name: 'execstack' }), stackExec: true } } });
  return { ...base, images, byFileName: new Map([...images.values()].map((f) => [f.fileName, f.name])) };
}

/** Runs a transition and fails the test if any outcome breaks an invariant. */
export function run<C extends Call>(transition: Transition<C>, state: ModelState, call: C, world: World): Outcomes {
  const outcomes = transition(state, call, world);
  if (outcomes.length === 0) throw new Error(`${call.type} allowed no outcome`);
  for (const o of outcomes) {
    const broken = checkInvariants(state, call, o, world);
    if (broken.length > 0) throw new Error(`${call.type}: ${broken.join('; ')}`);
  }
  return outcomes;
}

/** The single outcome of a call that allows exactly one. */
export function only(outcomes: Outcomes): Outcome {
  if (outcomes.length !== 1) throw new Error(`expected one outcome, got ${outcomes.length}: ${describe(outcomes)}`);
  return outcomes[0] as Outcome;
}

/** The outcomes that cite `clause`. */
export function citing(outcomes: Outcomes, clause: ClauseId): Outcomes {
  return outcomes.filter((o) => o.cites.includes(clause));
}

/** A compact description of outcomes, for failure messages. */
export function describe(outcomes: Outcomes): string {
  return outcomes.map((o) => `${o.ret.kind}/${o.firmness}[${o.cites.join(',')}]`).join(' | ');
}

/** The initial state with `content` mapped private and read-only as region `id`. */
export function withFile(world: World, content: Content = { image: 'plain' }, id = 'src', shared = false): ModelState {
  return only(mmapFile(initialState(), { type: 'mmap-file', as: id, file: content, prot: R, shared }, world)).next;
}
