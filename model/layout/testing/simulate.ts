/**
 * A simulated /proc/self/maps for a predicted layout, as a conforming loader would leave it:
 * the starting point the matcher tests perturb.
 *
 * @module
 */
import type { MapsLine } from '../proc-maps.js';
import { PROT_NONE } from '../prot.js';
import type { PredictedEntry } from '../types.js';

/** How the simulated loader maps. */
export interface SimulateOptions {
  /** The file the file pages map (default `/lib/libt.so`); ignored for `anon`. */
  file?: string;
  /** File-backed file pages (default) or a copy into anonymous memory. */
  backing?: 'file' | 'anon';
  /** Protections before or after relocation (default after). */
  phase?: 'relocated' | 'unrelocated';
  /** Gaps as PROT_NONE mappings (default) or unmapped. */
  gaps?: 'prot-none' | 'unmapped';
}

/** The maps lines a conforming load of `predicted` at `base` shows, one line per entry. */
export function simulateMaps(
  predicted: readonly PredictedEntry[], base: number, options: SimulateOptions = {},
): MapsLine[] {
  const file = options.file ?? '/lib/libt.so';
  const common = { dev: '00:00', inode: 0, path: 'anon', deleted: false, shared: false, offset: 0 };
  const fileLine = { dev: '08:01', inode: 4242, path: file };
  return predicted.flatMap((entry): MapsLine[] => {
    const at = { start: base + entry.start, end: base + entry.end };
    if (entry.kind === 'gap') return options.gaps === 'unmapped' ? [] : [{ ...common, ...at, prot: PROT_NONE }];
    const prot = options.phase === 'unrelocated' ? entry.protBefore : entry.protAfter;
    if (entry.backing === 'anon' || options.backing === 'anon') return [{ ...common, ...at, prot }];
    return [{ ...common, ...fileLine, ...at, prot, offset: entry.fileOffset ?? 0 }];
  });
}
