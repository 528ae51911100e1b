/**
 * The value kinds of the driver's input (conformance/DRIVER.md, "Input"): `%XX`-encoded text,
 * `|`-joined mode and flag names, `rwx` protections, namespace references and slot names.
 *
 * @module
 */
import { protString } from '../../model/layout/index.js';
import type { DlmemArgs, Mode, NsRef, Prot } from '../../model/types/calls.js';

/** A slot name the driver accepts in `as=` and wherever a slot is referred to. */
export const SLOT_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Encodes a value: `%` and ASCII whitespace (what the driver splits words and lines on) become
 * `%XX`; everything else is kept, other characters as their UTF-8 bytes.
 */
export function encodeValue(text: string): string {
  return text.replace(/[% \t\n\r\v\f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `0x…` for raw bits. */
function hex(bits: number): string {
  return `0x${bits.toString(16)}`;
}

/** A mode as `RTLD_NOW|RTLD_NORELOCATE|0x…` (`0` when nothing is set). */
export function modeText(mode: Mode): string {
  const parts: string[] = [...mode.flags];
  if (mode.extraBits !== undefined && mode.extraBits !== 0) parts.push(hex(mode.extraBits));
  return parts.length === 0 ? '0' : parts.join('|');
}

/** dlmem flags as `DLMEM_DONTREPLACE|0x…`, or undefined when none is set. */
export function flagsText(args: DlmemArgs): string | undefined {
  const parts: string[] = [...(args.flags ?? [])];
  if (args.extraFlagBits !== undefined && args.extraFlagBits !== 0) parts.push(hex(args.extraFlagBits));
  return parts.length === 0 ? undefined : parts.join('|');
}

/** A protection as `r--` (the model's own spelling, model/layout's protString). */
export const protText: (prot: Prot) => string = protString;

/** A namespace reference: `base`, `newlm`, `slot:NAME` or a raw integer. */
export function nsidText(ns: NsRef): string {
  if (ns === 'LM_ID_BASE') return 'base';
  if (ns === 'LM_ID_NEWLM') return 'newlm';
  return 'var' in ns ? `slot:${ns.var}` : String(ns.raw);
}

/** The dlinfo `request=` value. */
export function requestText(request: string | number): string {
  switch (request) {
    case 'RTLD_DI_LINKMAP': return 'linkmap';
    case 'RTLD_DI_LMID': return 'lmid';
    case 'RTLD_DI_ORIGIN': return 'origin';
    case 'RTLD_DI_MAPINFO': return 'mapinfo';
    case 'RTLD_DI_DEPLIST': return 'deplist';
    default: return String(request);
  }
}

/** One argument: `key=value`, or nothing when the value is undefined. */
export type Arg = readonly [key: string, value: string | number | boolean | undefined];

/** A driver input line: the operation, then its defined arguments (booleans as 0/1, text encoded). */
export function line(op: string, args: readonly Arg[]): string {
  const parts = [op];
  for (const [key, value] of args) {
    if (value === undefined) continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    parts.push(`${key}=${encodeValue(text)}`);
  }
  return parts.join(' ');
}
