/**
 * The script format: a YAML list of steps, each a one-key map from a call type to its fields.
 * Scripts are what `dlspec model` runs and what conformance cases hold in their `steps`.
 *
 * ```yaml
 * - dlopen: { as: h, file: ctor, mode: [RTLD_NOW, RTLD_NORELOCATE] }
 * - dlsym: { as: s, handle: h, symbol: ref1 }
 * ```
 *
 * Every step is checked against the call schema of `model/script/schema.ts`, so a misspelled key or a
 * value of the wrong shape is a problem naming the step and the key, never a call the model
 * would run with a hole in it.
 *
 * @module
 */
import { parse as parseYaml } from 'yaml';
import type { Call } from '../types/calls.js';
import { isCallType, parseCall } from './schema.js';

export { parseProt } from './schema.js';

/** A parse problem, naming the step (1-based) when there is one, and its call type and key when known. */
export interface ScriptProblem {
  /** 1-based step number, or 0 for the whole script. */
  readonly step: number;
  /** The step's call type, when the step names a known one. */
  readonly call?: string;
  /** The key the problem is about (a dotted path such as `args.premap`), when there is one. */
  readonly key?: string;
  /** What is wrong. */
  readonly message: string;
}

/** A parsed script or its problems. */
export type ParsedScript =
  | { readonly ok: true; readonly calls: readonly Call[] }
  | { readonly ok: false; readonly problems: readonly ScriptProblem[] };

/** A problem as one line: `step 3 (dlsym): unknown key "handel" (expected one of as, handle, symbol)`. */
export function formatScriptProblem(p: ScriptProblem): string {
  if (p.step === 0) return p.message;
  return `step ${p.step}${p.call === undefined ? '' : ` (${p.call})`}: ${p.message}`;
}

/** Checks one step against the schema: the call, or the problems of the step. */
function parseStep(raw: unknown, step: number): Call | ScriptProblem[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.keys(raw).length !== 1) {
    return [{ step, message: 'a step is a map with exactly one key, the call type' }];
  }
  const [type, fields] = Object.entries(raw)[0] as [string, unknown];
  if (!isCallType(type)) {
    return [{ step, message: `unknown call type ${JSON.stringify(type)}` }];
  }
  const body = fields === null || fields === undefined ? {} : fields;
  if (typeof body !== 'object' || Array.isArray(body)) return [{ step, call: type, message: `the fields of ${type} must be a map` }];
  const parsed = parseCall(type, body as Record<string, unknown>);
  return parsed.ok ? parsed.value : parsed.problems.map((p) => ({ step, call: type, key: p.key, message: p.message }));
}

/**
 * Parses the steps of a script from already-parsed YAML data, checking every step against the
 * call schema: an unknown key, a missing required key or a value of the wrong shape is a problem
 * naming the step and the key.
 */
export function parseSteps(steps: unknown): ParsedScript {
  if (!Array.isArray(steps)) return { ok: false, problems: [{ step: 0, message: 'steps must be a list' }] };
  const calls: Call[] = [];
  const problems: ScriptProblem[] = [];
  steps.forEach((raw: unknown, index) => {
    const parsed = parseStep(raw, index + 1);
    if (Array.isArray(parsed)) problems.push(...parsed); else calls.push(parsed);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, calls };
}

/** Parses a YAML script text: either a bare list of steps or a map with `steps` (and an optional `profile`). */
export function parseScript(text: string): ParsedScript & { readonly profile?: string } {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return { ok: false, problems: [{ step: 0, message: `not YAML: ${(error as Error).message}` }] };
  }
  if (Array.isArray(data)) return parseSteps(data);
  if (typeof data === 'object' && data !== null && 'steps' in data) {
    const parsed = parseSteps((data as { steps: unknown }).steps);
    const profile = (data as { profile?: unknown }).profile;
    return typeof profile === 'string' ? { ...parsed, profile } : parsed;
  }
  return { ok: false, problems: [{ step: 0, message: 'a script is a list of steps or a map with `steps`' }] };
}
