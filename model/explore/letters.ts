/**
 * The letters of the explorer's alphabet: each letter is one API call a reviewer would name,
 * with the caller steps it needs (making the source region, looking a symbol up first), so that
 * a sequence of letters reads as "load from memory, move, reopen, relocate, close".
 *
 * @module
 */
import type { Call, DlmemArgs, Mode, ModeFlag } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import { sourceOffset, sourceSteps } from '../script/sources.js';

/** One letter: a label for reports and the calls it makes. */
export interface Letter {
  /** A short name, e.g. `dlmem ctor source=heap` or `dlclose h3`. */
  readonly label: string;
  /** The calls, in order; the letter ends early on a branch where a call fails. */
  readonly calls: readonly Call[];
}

/** A mode of the named bits. */
export function mode(...flags: ModeFlag[]): Mode {
  return { flags };
}

/** What varies in one dlmem letter (everything else is the default). */
export interface DlmemChoice {
  /** The fixture image. */
  readonly image: string;
  /** Where the image is read from. */
  readonly source: string;
  /** dlm_args (null: dlm_args == NULL). */
  readonly args: DlmemArgs | null;
  /** The mode. */
  readonly mode: Mode;
}

/** The dlmem letter of `choice`, reading from a new region `region` and binding `as`. */
export function dlmemLetter(label: string, choice: DlmemChoice, region: string, as: string): Letter | undefined {
  const made = sourceSteps(choice.source, region, choice.image);
  if (made === undefined) return undefined;
  const offset = sourceOffset(choice.source);
  const dlmem: Call = {
    type: 'dlmem', as, buffer: offset === 0 ? { region } : { region, offset },
    size: offset === 0 ? 'region' : 'image', mode: choice.mode, args: choice.args,
  };
  return { label, calls: [...made, dlmem] };
}

/** A letter that looks `symbol` up in `handle` and then uses the address with `use` (or only looks it up). */
export function symbolLetter(handle: string, symbol: string, use: 'dlsym' | 'call' | 'dladdr'): Letter {
  const lookup: Call = { type: 'dlsym', as: 'sym', handle, symbol };
  const calls: Call[] = [lookup];
  if (use === 'call') calls.push({ type: 'call', as: 'ret', symbol: 'sym' });
  if (use === 'dladdr') calls.push({ type: 'dladdr', as: 'info', address: { symbol: 'sym' } });
  return { label: use === 'dlsym' ? `dlsym ${handle} ${symbol}` : `${use} ${handle} ${symbol}`, calls };
}

/** The letters that move `handle`'s image to a new region `region` of `image`'s extent, ending with `last`. */
export function moveLetter(label: string, handle: string, image: string, region: string, copy: boolean, last: Call): Letter {
  const calls: Call[] = [{ type: 'mmap-anon', as: region, length: 'extent', image, prot: { r: true, w: true, x: false }, shared: false }];
  if (copy) calls.push({ type: 'copy-object', handle, to: region });
  calls.push(last);
  return { label, calls };
}

/**
 * Whether an outcome ends its letter: the call failed, or bound nothing usable, so the letter's
 * later calls (which use what it bound) are not made on that branch.
 */
export function endsLetter(o: Outcome): boolean {
  return o.ret.kind === 'null' || o.error.kind === 'error' || o.value?.kind === 'null' || o.value?.kind === 'unknown';
}
