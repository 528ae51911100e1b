/**
 * `fdlopen`: dlmem of a whole file, as the caller code fdlopen.def.mapping defines.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { CallOf } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import type { Transition } from './transition.js';
import { failure, unspecified } from '../outcome/build.js';
import { contentBytes } from './lib/image.js';
import type { RegionSpec } from './lib/memory.js';
import { finish } from './lib/result.js';
import { FDLOPEN_SOURCE, viaDlmem } from './lib/via-dlmem.js';

/**
 * fdlopen(fd, mode): map the whole file read-only and private from offset 0, dlmem(addr, len, mode,
 * NULL), unmap (fdlopen.def.mapping). The outcomes are dlmem's; a handle is an anonymous object
 * (fdlopen.def.name) whose segments are mappings of the file when zero-copy is available
 * (fdlopen.def.maps-file), and fd is not needed afterwards (fdlopen.def.fd-kept). Loading the same
 * file again may return the first object (fdlopen.def.same-file-twice, through
 * dlmem.names.no-dedup-anonymous). An empty file cannot be mapped: fdlopen returns NULL without
 * calling dlmem, and whether dlerror() then reports anything is not said (fdlopen.def.unmappable).
 */
export const fdlopen: Transition<CallOf<'fdlopen'>> = (state, call, world) => {
  const length = contentBytes(world, call.file);
  if (length === 0) return unmappable(state).map((o) => finish(o, call.as));
  const source: RegionSpec = { kind: 'file-private', length, content: call.file, prot: { r: true, w: false, x: false } };
  const okCites: ClauseId[] = ['fdlopen.def.name', 'fdlopen.def.maps-file', 'fdlopen.def.fd-kept'];
  return viaDlmem(state, world, call.as, source, 'region', call.mode, ['fdlopen.def.mapping'], okCites, FDLOPEN_SOURCE)
    .map((o) => (o.cites.includes('dlmem.names.no-dedup-anonymous')
      ? { ...o, cites: [...o.cites, 'fdlopen.def.same-file-twice' as const] } : o));
};

function unmappable(state: Parameters<typeof failure>[0]): Outcome[] {
  const gap = 'fdlopen of an unmappable file returns NULL without calling dlmem; whether dlerror() reports it is not said';
  return [
    unspecified(state, { kind: 'null' }, ['fdlopen.def.unmappable'], gap, { value: { kind: 'null' } }),
    failure(state, { kind: 'null' }, 'unspecified', ['fdlopen.def.unmappable'], 'unspecified', gap),
  ];
}
