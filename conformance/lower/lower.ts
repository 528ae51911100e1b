/**
 * Lowering a case to the driver's input (conformance/DRIVER.md): one line per step, for the
 * fixtures built for one loader. The text does not depend on where it is run: junk contents are
 * files beside the case (`./junk-N.bin`, relative to the driver's working directory), which the
 * runner writes from `files`.
 *
 * @module
 */
import { formatCall } from '../../model/script/format.js';
import type { Call, MemoryCall } from '../../model/types/calls.js';
import type { World } from '../../model/world/world.js';
import type { FixtureSet } from '../build/index.js';
import type { CaseDef } from '../case-file/case.js';
import { type CaseFile, LowerContext } from './context.js';
import { lowerLoader } from './loader.js';
import { lowerMemory } from './memory.js';
import { premapSlots } from './premap-slots.js';

/** A lowered case: the driver's input and the files it reads beside it. */
export interface LoweredCase {
  /** The case file's text: a comment line, then one line per step. */
  readonly text: string;
  /** Files to write into the case's directory before the run. */
  readonly files: readonly CaseFile[];
}

/** Why a case cannot be lowered (a case problem: the step and what is missing). */
export interface LowerError {
  /** What is wrong, naming the step. */
  readonly error: string;
}

const MEMORY: ReadonlySet<Call['type']> = new Set(['mmap-file', 'mmap-anon', 'memfd', 'malloc', 'copy-in', 'mprotect', 'memmove', 'munmap', 'copy-object']);

/** Whether a call is one of the caller's memory operations. */
function isMemory(call: Call): call is MemoryCall {
  return MEMORY.has(call.type);
}

/** Lowers one call; the context records any problem. */
export function lowerCall(call: Call, ctx: LowerContext): string {
  return isMemory(call) ? lowerMemory(call, ctx) : lowerLoader(call as Exclude<Call, MemoryCall>, ctx);
}

/**
 * Lowers `caseDef`'s steps for `fixtures` (the set built with the loader's compiler), `world`
 * (built over the same set: ELF facts for extents, and the model's premap object ids) and the
 * loader's page size. Every step becomes exactly one line, so step N of the case is step N of the
 * driver.
 */
export function lowerCase(caseDef: Pick<CaseDef, 'id' | 'steps'>, fixtures: FixtureSet, world: World, pageSize: number): LoweredCase | LowerError {
  const ctx = new LowerContext(fixtures, world, pageSize, premapSlots(caseDef.steps, world));
  const lines = [`# dlspec case ${caseDef.id}`];
  for (const [i, call] of caseDef.steps.entries()) {
    const text = lowerCall(call, ctx);
    if (ctx.problem !== undefined) return { error: `step ${i + 1} (${formatCall(call)}): ${ctx.problem}` };
    lines.push(text);
  }
  return { text: `${lines.join('\n')}\n`, files: [...ctx.files.values()] };
}
