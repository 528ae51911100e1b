/**
 * Reading driver output into {@link DriverLine}s. Each line is checked for the fields the protocol
 * requires; unknown extra fields are kept. Problems are values, one per bad line; a last line
 * without its newline that does not parse is marked `truncated` (the driver died while writing).
 *
 * @module
 */
import type { DriverLine, ParsedLine } from './protocol.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks `fields` of `o` with their predicates; returns the first missing or mistyped one. */
function missing(o: Obj, fields: Record<string, (v: unknown) => boolean>): string | undefined {
  for (const [name, ok] of Object.entries(fields)) if (!ok(o[name])) return name;
  return undefined;
}

const optional = (pred: (v: unknown) => boolean) => (v: unknown): boolean => v === undefined || pred(v);
const isRet = (v: unknown): boolean =>
  isObj(v) && (v['kind'] === 'null' || v['kind'] === 'none' || (v['kind'] === 'ptr' && isStr(v['value'])) || (v['kind'] === 'int' && isNum(v['value'])));
const isArray = Array.isArray;
const isEvents = (v: unknown): boolean => isArray(v) && v.every((e) => isObj(e) && isStr(e['kind']) && isStr(e['lib']));
const isPremap = (v: unknown): boolean =>
  isArray(v) && v.every((p) => isObj(p) && isNum(p['maplength']) && isNum(p['mapalign']) && isStr(p['ret']) && isStr(p['mappref']));
const isRegions = (v: unknown): boolean =>
  isObj(v) && Object.values(v).every((r) => isObj(r) && typeof r['mapped'] === 'boolean' && (r['prot'] === null || isStr(r['prot'])));
const isObjects = (v: unknown): boolean =>
  isArray(v) && v.every((o) => isObj(o) && isStr(o['name']) && isStr(o['base']) && optional(isArray)(o['maps']));

function hello(o: Obj): DriverLine | string {
  const h = o['hello'];
  if (!isObj(h)) return 'hello is not an object';
  const bad = missing(h, { protocol: isNum, libc: isStr, apis: isObj, pagesize: isNum });
  return bad ? `hello lacks ${bad}` : ({ kind: 'hello', ...h } as DriverLine);
}

function begin(o: Obj): DriverLine | string {
  const bad = missing(o, { begin: isNum, op: isStr });
  return bad ? `begin line lacks ${bad}` : { kind: 'begin', step: o['begin'] as number, op: o['op'] as string };
}

function step(o: Obj): DriverLine | string {
  if (isStr(o['error'])) return { kind: 'error', step: isNum(o['step']) ? o['step'] : 0, error: o['error'] };
  const bad = missing(o, {
    step: isNum, op: isStr, ret: isRet, events: isEvents, premap: isPremap, regions: isRegions, objects: isObjects, gone: isObjects,
    errno: optional(isNum), dlerror: optional((v) => v === null || isStr(v)), unsupported: optional(isStr),
    compat: optional(isStr), fault: optional(isStr), value: optional(isObj),
  });
  return bad ? `step line has no valid ${bad}` : ({ kind: 'step', ...o } as DriverLine);
}

/** Parses one line of driver output; a string says what is wrong with it. */
export function parseDriverLine(text: string): DriverLine | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isObj(json)) return 'not a JSON object';
  if ('hello' in json) return hello(json);
  if ('begin' in json) return begin(json);
  if ('step' in json) return step(json);
  if (isStr(json['error'])) return { kind: 'error', step: 0, error: json['error'] };
  return 'neither hello, begin, step nor error';
}

/** Parses a driver's whole standard output, line by line (blank lines are skipped). */
export function parseDriverOutput(text: string): readonly ParsedLine[] {
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n') || text === '';
  const out: ParsedLine[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const parsed = parseDriverLine(raw);
    const isLast = i === lines.length - 1;
    if (typeof parsed !== 'string') out.push({ ok: true, lineNo: i + 1, line: parsed });
    else out.push({ ok: false, lineNo: i + 1, text: raw, problem: parsed, truncated: isLast && !endsClean });
  });
  return out;
}
