/**
 * The script format: a YAML list of steps, each a one-key map from a call type to its fields.
 * Scripts are what `dlspec model` runs and what conformance cases hold in their `steps`.
 *
 * ```yaml
 * - dlopen: { as: h, file: ctor, mode: [RTLD_NOW, RTLD_NORELOCATE] }
 * - dlsym: { as: s, handle: h, symbol: ref1 }
 * ```
 *
 * @module
 */
import { parse as parseYaml } from 'yaml';
import type { Call, CallType, Mode, Prot } from '../types/calls.js';
import { TRANSITIONS } from '../step.js';

/** A parse problem, naming the step (1-based) when there is one. */
export interface ScriptProblem {
  /** 1-based step number, or 0 for the whole script. */
  readonly step: number;
  /** What is wrong. */
  readonly message: string;
}

/** A parsed script or its problems. */
export type ParsedScript =
  | { readonly ok: true; readonly calls: readonly Call[] }
  | { readonly ok: false; readonly problems: readonly ScriptProblem[] };

/** `"rw-"` style protections to a Prot. */
export function parseProt(text: string): Prot | undefined {
  if (!/^[r-][w-][x-]$/.test(text)) return undefined;
  return { r: text[0] === 'r', w: text[1] === 'w', x: text[2] === 'x' };
}

function normaliseMode(value: unknown): Mode | string {
  if (Array.isArray(value)) return { flags: value as Mode['flags'] };
  if (typeof value === 'object' && value !== null && Array.isArray((value as Mode).flags)) return value as Mode;
  return 'mode must be a list of RTLD_* flags or { flags, extraBits }';
}

function normalise(type: CallType, fields: Record<string, unknown>): Call | string {
  const out: Record<string, unknown> = { type, ...fields };
  if ('mode' in fields) {
    const mode = normaliseMode(fields['mode']);
    if (typeof mode === 'string') return mode;
    out['mode'] = mode;
  }
  const args = fields['args'];
  if (typeof args === 'object' && args !== null && 'premap' in args && typeof (args as { premap: unknown }).premap !== 'string') {
    return 'args.premap must be a behaviour name (write "null" in quotes for the NULL-returning premap)';
  }
  if (typeof fields['prot'] === 'string') {
    const prot = parseProt(fields['prot']);
    if (prot === undefined) return `prot must look like "rw-", not ${JSON.stringify(fields['prot'])}`;
    out['prot'] = prot;
  }
  return out as unknown as Call;
}

/** Parses the steps of a script from already-parsed YAML data. */
export function parseSteps(steps: unknown): ParsedScript {
  if (!Array.isArray(steps)) return { ok: false, problems: [{ step: 0, message: 'steps must be a list' }] };
  const calls: Call[] = [];
  const problems: ScriptProblem[] = [];
  steps.forEach((raw: unknown, index) => {
    const step = index + 1;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.keys(raw).length !== 1) {
      problems.push({ step, message: 'a step is a map with exactly one key, the call type' });
      return;
    }
    const [type, fields] = Object.entries(raw)[0] as [string, unknown];
    if (!(type in TRANSITIONS)) {
      problems.push({ step, message: `unknown call type ${JSON.stringify(type)}` });
      return;
    }
    const body = fields === null || fields === undefined ? {} : fields;
    if (typeof body !== 'object' || Array.isArray(body)) {
      problems.push({ step, message: `the fields of ${type} must be a map` });
      return;
    }
    const call = normalise(type as CallType, body as Record<string, unknown>);
    if (typeof call === 'string') problems.push({ step, message: `${type}: ${call}` });
    else calls.push(call);
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
