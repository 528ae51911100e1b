/**
 * What the repro generator keeps while it compiles driver lines into C: the slot variables, the
 * runtime snippets the program needs, the slot names later steps refer to, and the first problem
 * met (recorded, not thrown: the generator stops at the step that recorded it).
 *
 * @module
 */
import { type Snippet, type SlotKind, SlotTable } from './c-text.js';
import type { DriverStep } from './lines.js';

/** The state of one generation. */
export class EmitContext {
  /** The driver's slots as C variables. */
  readonly slots = new SlotTable();
  /** The runtime snippets the program needs beyond core and memory. */
  readonly needs = new Set<Snippet>();
  /** Every argument value of every step (deplist and premap slots are bound only when used). */
  readonly refs: ReadonlySet<string>;
  /** The first problem met, if any. */
  problem: string | undefined;

  /** @param steps every step of the case, as driver lines */
  constructor(steps: readonly DriverStep[]) {
    this.refs = new Set(steps.flatMap((s) => Object.values(s.args)));
  }

  /** Records a problem (the first one wins) and returns a placeholder expression. */
  fail(message: string): string {
    this.problem ??= message;
    return '0';
  }

  /** The variable of slot `name`, which must hold `kind`. */
  slot(name: string | undefined, kind: SlotKind): string {
    if (name === undefined) return this.fail(`a ${kind} argument is missing`);
    const v = this.slots.get(name);
    if (v?.kind !== kind) return this.fail(`'${name}' is not a ${kind} slot here`);
    return v.c;
  }

  /** A handle argument: `default` is RTLD_DEFAULT. */
  handle(name: string | undefined): string {
    return name === 'default' ? 'RTLD_DEFAULT' : this.slot(name, 'handle');
  }

  /** An argument that must be present. */
  arg(step: DriverStep, key: string): string {
    const v = step.args[key];
    return v ?? this.fail(`${step.op} needs ${key}=`);
  }

  /** The `as` binding of a pointer result: `VAR = ` (or nothing without `as`). */
  assign(step: DriverStep, kind: SlotKind): string {
    const as = step.args['as'];
    return as === undefined ? '' : `${this.slots.bind(as, kind).c} = `;
  }
}
