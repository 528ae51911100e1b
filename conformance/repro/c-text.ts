/**
 * C text for the repro generator: literals, comments, the driver's value spellings (modes,
 * protections, namespaces) as C expressions, the runtime snippets in `c/`, and the C variables
 * that stand for the driver's named slots.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../build/cache.js';

/** The runtime snippets in conformance/repro/c/, in the order they go into a program. */
export type Snippet = 'core' | 'maps' | 'memory' | 'premap' | 'thread' | 'compat' | 'layout' | 'check';

/** The driver's own C headers a snippet starts with, so that the program shares their text. */
const SHARED: Partial<Record<Snippet, readonly string[]>> = {
  core: ['proposals.h', 'premap-core.h'],
  maps: ['maps-line.h'],
  thread: ['thread-code.h', 'fdlopen-after.h'],
  compat: ['compat-name.h'],
};

/** The text of one runtime snippet, preceded by the driver headers it shares, if any. */
export function snippet(name: Snippet): string {
  const own = readFileSync(join(REPO_ROOT, 'conformance', 'repro', 'c', `${name}.c`), 'utf8');
  // The driver's local #include "..." lines name headers the program already holds inline.
  const shared = (SHARED[name] ?? []).map((h) =>
    readFileSync(join(REPO_ROOT, 'conformance', 'driver', h), 'utf8').replace(/^#include "[^"]+"\n/gm, '').trimEnd());
  return [...shared, own].join('\n\n');
}

/** A C string literal (non-printable bytes as octal escapes). */
export function cString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else if (ch === '?') out += '\\?';
    else out += ch;
  }
  return `${out}"`;
}

/** Text made safe inside a C block comment. */
export function cComment(text: string): string {
  return text.replace(/\*\//g, '* /');
}

/** A `|`-joined mode or flags value (`RTLD_NOW|0x40`) as a C expression. */
export function bitsExpr(text: string | undefined): string {
  if (text === undefined || text === '') return '0';
  return text.split('|').join(' | ');
}

/** A protection (`r-x` or 0–7) as a C expression. */
export function protExpr(text: string | undefined): string {
  if (text === undefined || /^\d+$/.test(text)) return text ?? '0';
  const names = [['r', 'PROT_READ'], ['w', 'PROT_WRITE'], ['x', 'PROT_EXEC']].filter(([c], i) => text[i] === c).map(([, n]) => n);
  return names.length === 0 ? 'PROT_NONE' : names.join(' | ');
}

/** A byte count or offset as a C literal. */
export function sizeExpr(text: string | number | undefined): string {
  return text === undefined ? '0' : String(text);
}

/** The kinds of value a driver slot holds. */
export type SlotKind = 'region' | 'handle' | 'symbol' | 'lmid' | 'mapinfo' | 'value';

const PREFIX: Readonly<Record<SlotKind, string>> = { region: 'r_', handle: 'h_', symbol: 's_', lmid: 'ns_', mapinfo: 'mi_', value: 'v_' };

const DECL: Readonly<Record<SlotKind, (c: string) => string>> = {
  region: (c) => `struct region ${c} = {.fd = -1};`,
  handle: (c) => `void *${c} = NULL;`,
  symbol: (c) => `void *${c} = NULL;`,
  lmid: (c) => `dlspec_lmid_t ${c} = 0;`,
  mapinfo: (c) => `Dl_mapinfo ${c} = {0};`,
  value: (c) => `long long ${c} = 0;`,
};

/** A C variable standing for a driver slot. */
export interface SlotVar {
  /** What it holds. */
  readonly kind: SlotKind;
  /** The C name. */
  readonly c: string;
  /** The driver's slot name. */
  readonly name: string;
}

/** The driver's named slots as C variables, declared at the top of main(). */
export class SlotTable {
  private readonly current = new Map<string, SlotVar>();
  private readonly vars = new Map<string, SlotVar>();

  /** Binds driver slot `name` to a variable of `kind` (the same variable when rebound with the same kind). */
  bind(name: string, kind: SlotKind): SlotVar {
    const base = `${PREFIX[kind]}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let c = base;
    for (let i = 2; this.vars.has(c) && this.vars.get(c)?.name !== name; i++) c = `${base}_${i}`;
    const v: SlotVar = { kind, c, name };
    this.vars.set(c, v);
    this.current.set(name, v);
    return v;
  }

  /** The variable slot `name` is bound to now, if any. */
  get(name: string): SlotVar | undefined {
    return this.current.get(name);
  }

  /** Every slot bound now, in binding order. */
  bound(): readonly SlotVar[] {
    return [...this.current.values()];
  }

  /** The declarations of every variable used. */
  declarations(): readonly string[] {
    return [...this.vars.values()].map((v) => DECL[v.kind](v.c));
  }
}
