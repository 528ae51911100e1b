/**
 * Coverage of the next-state relation: which IF and CASE branches were taken and which actions
 * produced a successor, over every state explored. What was never taken is dead: an action no
 * reachable state enables, or a branch no reachable state reaches.
 *
 * @module
 */
import { type Expr, children } from './ast.js';
import type { TlaSpec } from './module.js';

/** What the exploration recorded. */
export class Coverage {
  /** Branch id → the arms taken (IF: 0 then, 1 else; CASE: arm index, OTHER last). */
  readonly arms = new Map<number, Set<number>>();
  /** Module-level actions that produced at least one successor. */
  readonly enabled = new Set<string>();

  /** Records that branch `id` took arm `arm`. */
  branch(id: number, arm: number): void {
    let taken = this.arms.get(id);
    if (taken === undefined) { taken = new Set(); this.arms.set(id, taken); }
    taken.add(arm);
  }

  /** Records that action `name` produced a successor. */
  enable(name: string): void {
    this.enabled.add(name);
  }

  /** Adds what `other` recorded (the union over several configurations). */
  merge(other: Coverage): void {
    for (const [id, taken] of other.arms) for (const arm of taken) this.branch(id, arm);
    for (const name of other.enabled) this.enable(name);
  }
}

/** Something the next-state relation holds that no reachable state exercised. */
export interface DeadCode {
  /** The file it is in. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** The definition it is in. */
  readonly definition: string;
  /** What is dead, in words: "action X is never enabled", "the ELSE branch is never taken". */
  readonly what: string;
}

/** The names the definitions reachable from `root` refer to, `root` included, in first-seen order. */
export function reachableDefinitions(spec: TlaSpec, root: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const def = spec.defs.get(name);
    if (def === undefined || seen.has(name)) return;
    seen.add(name);
    const walk = (e: Expr): void => {
      if (e.k === 'name' || e.k === 'apply') visit(e.name);
      for (const c of children(e)) walk(c);
    };
    walk(def.body);
  };
  visit(root);
  return [...seen];
}

/** Whether definition `name` is an action: its body primes a variable, or uses an action. */
export function isAction(spec: TlaSpec, name: string): boolean {
  return reachableDefinitions(spec, name).some((n) => spec.defs.get(n)?.primed === true);
}

/**
 * The dead code of `spec`'s next-state relation `next` under `coverage`: each action reachable
 * from it that never produced a successor, and each IF or CASE branch in a reachable
 * definition (one that depends on the state) never taken.
 */
export function deadCode(spec: TlaSpec, next: string, coverage: Coverage): DeadCode[] {
  const out: DeadCode[] = [];
  for (const name of reachableDefinitions(spec, next)) {
    const def = spec.defs.get(name);
    if (def === undefined || def.constantLevel) continue;
    const at = (line: number, what: string): DeadCode => ({ file: def.file, line, definition: name, what });
    if (name !== next && isAction(spec, name) && !coverage.enabled.has(name)) out.push(at(def.line, `action ${name} is never enabled`));
    const walk = (e: Expr): void => {
      if (e.k === 'if') {
        const taken = coverage.arms.get(e.id);
        if (!taken?.has(0)) out.push(at(e.t.line, `the THEN branch of the IF at ${e.line}:${e.col} is never taken`));
        if (!taken?.has(1)) out.push(at(e.e.line, `the ELSE branch of the IF at ${e.line}:${e.col} is never taken`));
      }
      if (e.k === 'case') {
        const taken = coverage.arms.get(e.id);
        e.arms.forEach((arm, i) => { if (!taken?.has(i)) out.push(at(arm.c.line, `arm ${i + 1} of the CASE at ${e.line}:${e.col} is never taken`)); });
        if (e.other !== undefined && !taken?.has(e.arms.length)) out.push(at(e.other.line, `the OTHER arm of the CASE at ${e.line}:${e.col} is never taken`));
      }
      for (const c of children(e)) walk(c);
    };
    walk(def.body);
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
