/**
 * Reading an observation: whether a step failed, which error class its dlerror() message or errno
 * shows, and a one-line text form for reports.
 *
 * @module
 */
import type { Errno } from '../../model/types/state.js';
import type { StepLine } from '../protocol.js';

/** Each error number the spec names: its value on Linux and its strerror() text. */
export const ERRNO_TABLE: Readonly<Record<Errno, { readonly value: number; readonly text: string }>> = {
  EINVAL: { value: 22, text: 'Invalid argument' },
  ENOENT: { value: 2, text: 'No such file or directory' },
  ENOMEM: { value: 12, text: 'Cannot allocate memory' },
  ENOEXEC: { value: 8, text: 'Exec format error' },
  ELIBBAD: { value: 80, text: 'Accessing a corrupted shared library' },
};

/** Whether the step's call failed: the driver read a dlerror() message (or NULL) after it. */
export function failed(obs: StepLine): boolean {
  return obs.op !== 'dlerror' && obs.dlerror !== undefined;
}

/**
 * Whether an observed failure shows error number `errno` (base.dlerror.error-class): errno equal
 * to it after dlerror(), or a message ending with its strerror() text.
 */
export function showsErrno(obs: StepLine, errno: Errno): boolean {
  const entry = ERRNO_TABLE[errno];
  return obs.errno === entry.value || (typeof obs.dlerror === 'string' && obs.dlerror.endsWith(entry.text));
}

/** The observation as one line of text. */
export function describeObservation(obs: StepLine): string {
  const parts: string[] = [];
  const r = obs.ret;
  parts.push(r.kind === 'ptr' ? `ptr ${r.value}` : r.kind === 'int' ? String(r.value) : r.kind);
  if (obs.dlerror !== undefined) parts.push(`dlerror ${JSON.stringify(obs.dlerror)}${obs.errno === undefined ? '' : ` errno ${obs.errno}`}`);
  if (obs.events.length > 0) parts.push(`events: ${obs.events.map((e) => `${e.kind} ${e.lib}`).join(', ')}`);
  if (obs.premap.length > 0) parts.push(`premap: ${obs.premap.map((p) => `maplength ${p.maplength} mapalign ${p.mapalign}`).join(', ')}`);
  if (obs.value !== undefined) parts.push(`value ${JSON.stringify(obs.value)}`);
  if (obs.fault !== undefined) parts.push(`fault ${obs.fault}`);
  return parts.join(' · ');
}
