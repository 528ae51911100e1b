/**
 * Generating a repro program: one self-contained C file that performs a case's steps directly
 * (no driver, no protocol) with the lowered arguments (absolute fixture paths), stops with status
 * 2 when a step before the divergence does not behave as in the recorded run, and at the
 * diverging step checks what the spec allows: exit 0 when the loader conforms there, 1 when it
 * diverges. Each driver line becomes the C of the same operation (emit-*.ts).
 *
 * @module
 */
import { formatCall } from '../../model/script/format.js';
import type { World } from '../../model/world/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { LoweredCase } from '../lower/lower.js';
import { describeObservation } from '../oracle/observe.js';
import type { Trace } from '../oracle/types.js';
import type { StepLine } from '../protocol.js';
import type { ResultEntry } from '../report/types.js';
import { cComment, cString, snippet, type Snippet } from './c-text.js';
import { EmitContext } from './emit-context.js';
import { emitCheck } from './emit-end.js';
import { emitLoader } from './emit-loader.js';
import { emitMemory, MEMORY_OPS } from './emit-memory.js';
import { headerComment } from './header.js';
import { type DriverStep, parseDriverInput } from './lines.js';
import type { AllowedOutcome } from './allowed.js';

/** What a repro is generated from. */
export interface ReproInput {
  /** The case. */
  readonly caseDef: CaseDef;
  /** The loader's id (`host-glibc`, `glibc:build-dlmem`, …). */
  readonly loader: string;
  /** Its C library, as the driver's hello line says. */
  readonly libc: string;
  /** The recorded result in the chosen profile. */
  readonly entry: ResultEntry;
  /** The case lowered for the loader (the driver's input). */
  readonly lowered: LoweredCase;
  /** The recorded run. */
  readonly trace: Trace;
  /** The model's world of the profile. */
  readonly world: World;
  /** For a FAIL at a step: every outcome the spec allows there. */
  readonly allowed?: readonly AllowedOutcome[];
  /** Whether dlmem is the memfd alternative (a `+memfd` loader). */
  readonly compat: boolean;
  /** The build-and-run command, for the header. */
  readonly command: string;
  /** Run the steps after the divergence too. */
  readonly keepGoing?: boolean;
}

/** The guard after a step that ran before the divergence: it must do what it did in the recorded run. */
function guard(line: StepLine | undefined): string[] {
  if (line === undefined) return [];
  const ret = { ptr: 'RET_PTR', null: 'RET_NULL', int: 'RET_INT', none: 'RET_NONE' }[line.ret.kind];
  const value = line.value !== undefined && 'int' in line.value ? line.value.int : undefined;
  const ival = line.ret.kind === 'int' ? line.ret.value : value ?? 0;
  return [`as_recorded(${ret}, ${value === undefined ? 0 : 1}, ${ival}, ${cString(describeObservation(line))});`];
}

/** Keeps `handles` (observed handle → the variable holding it) in step with a step's binding. */
function noteHandle(step: DriverStep, ctx: EmitContext, line: StepLine | undefined, handles: Map<string, string>): void {
  const v = step.args['as'] === undefined ? undefined : ctx.slots.get(step.args['as']);
  if (v === undefined) return;
  for (const [hex, c] of handles) if (c === v.c) handles.delete(hex);
  if (v.kind === 'handle' && line?.ret.kind === 'ptr') handles.set(line.ret.value, v.c);
}

/** The whole C program, or why it cannot be generated. */
export function generateRepro(input: ReproInput): { readonly source: string } | { readonly error: string } {
  const steps = parseDriverInput(input.lowered.text);
  const ctx = new EmitContext(steps);
  const d = input.entry.divergence;
  const keepGoing = input.keepGoing === true;
  const body: string[] = [];
  const handles = new Map<string, string>();
  let after = false;
  for (const s of steps) {
    const call = input.caseDef.steps[s.n - 1];
    if (call === undefined) return { error: `the lowered case has more steps than ${input.caseDef.id}` };
    if (after && !keepGoing) break;
    const diverges = d !== undefined && d.step === s.n;
    const line = input.trace.steps.find((l) => l.step === s.n);
    const text = formatCall(call);
    body.push('', `/* step ${s.n}: ${cComment(text)}${diverges ? ` (the recorded run diverged here: ${d.kind})` : ''} */`);
    let saved = handles;
    if (diverges && s.args['as'] !== undefined) {
      const v = ctx.slots.get(s.args['as']);
      if (v !== undefined && [...handles.values()].includes(v.c)) {
        body.push(`void *${v.c}_before = ${v.c};`);
        saved = new Map([...handles].map(([hex, c]) => [hex, c === v.c ? `${v.c}_before` : c]));
      }
    }
    if (diverges) body.push('layout_snapshot(); /* the objects loaded before the step, to find what it unloads */');
    body.push(`begin(${s.n}, ${cString(text)});`);
    const code = MEMORY_OPS.has(s.op) ? emitMemory(s, ctx) : emitLoader(s, ctx);
    if (ctx.problem !== undefined) return { error: `step ${s.n} (${s.op}): ${ctx.problem}` };
    body.push(...code);
    if (!after && !diverges && (!MEMORY_OPS.has(s.op) || s.op === 'copy-object')) body.push(...guard(line));
    if (diverges) {
      const check = emitCheck({ call, step: s, allowed: input.allowed ?? [], world: input.world, handles: saved, ctx, divergence: d, keepGoing });
      if ('error' in check) return check;
      body.push(...check.lines);
      after = true;
    }
    noteHandle(s, ctx, line, handles);
  }
  body.push('', ...endLines(input, steps.length));
  const snippets: Snippet[] = ['core', 'maps', 'memory', ...(['premap', 'thread'] as const).filter((n) => ctx.needs.has(n)),
    ...(input.compat ? ['compat' as const] : []), ...(d !== undefined ? ['layout' as const, 'check' as const] : [])];
  const main = ['int main(void) {', '  init();', ...(input.compat ? ['  p_dlmem = compat_dlmem; /* the memfd alternative replaces dlmem */'] : []),
    ...(keepGoing && d !== undefined ? ['  int diverged = 0;'] : []), ...ctx.slots.declarations().map((l) => `  ${l}`),
    ...body.map((l) => (l === '' ? '' : `  ${l}`)), '}'];
  const header = headerComment({ caseDef: input.caseDef, loader: input.loader, libc: input.libc, entry: input.entry, command: input.command, keepGoing });
  return { source: `${[header, '', ...snippets.map((n) => snippet(n).trimEnd()), '', ...main].join('\n')}\n` };
}

/** The lines after the last step that runs. */
function endLines(input: ReproInput, count: number): string[] {
  const d = input.entry.divergence;
  if (d !== undefined && d.step <= count) return input.keepGoing === true ? ['return diverged;'] : ['return 0; /* not reached */'];
  if (d !== undefined) {
    return [`/* The recorded run ended badly after the last step (${cComment(d.observed)}): the spec requires a clean exit`,
      ` * (${cComment(d.violated.join(', '))}). A loader with that bug ends this program the same way after main() returns. */`,
      'printf("repro: every step ran; returning from main(): the spec requires a clean exit (status 0)\\n");', 'fflush(stdout);', 'return 0;'];
  }
  return [`printf("repro: every step ran (the recorded verdict on this loader: ${input.entry.verdict})\\n");`, 'return 0;'];
}
