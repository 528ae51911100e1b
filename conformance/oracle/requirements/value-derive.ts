/**
 * Requirements on the values a step reports beyond its return: RTLD_DI_MAPINFO's fields,
 * RTLD_DI_DEPLIST's handles, RTLD_DI_LMID's namespace, and what fdlopen leaves behind.
 *
 * @module
 */
import type { Call } from '../../../model/types/calls.js';
import type { Outcome } from '../../../model/types/outcome.js';
import type { World } from '../../../model/world/world.js';
import type { Allowed } from './derive.js';
import { req } from './req.js';
import type { Requirement } from './types.js';

/** The values a step binds: MAPINFO's fields, DEPLIST's handles, RTLD_DI_LMID's namespace. */
export function valueRequirements(a: Allowed, world: World): Requirement[] {
  const o = a.outcome;
  const v = o.value;
  if (v?.kind === 'ns') {
    // The namespace clause the outcome rests on (base.dlmopen.newlm, dlmem.args.nsid-*).
    return [req({ kind: 'lmid', base: v.ns === 0 }, o.cites, 'wrong-value', v.ns === 0 ? 'the namespace should be LM_ID_BASE' : 'the namespace should not be LM_ID_BASE')];
  }
  if (v?.kind === 'deplist') {
    const listed = v.objects.flatMap((d) => a.binding.handles.get(d) ?? []);
    const unlisted = [...a.binding.handles].filter(([d]) => !v.objects.includes(d)).map(([, h]) => h);
    const own = v.objects.filter((d) => a.outcome.next.objects[d]?.system !== true);
    const files = own.flatMap((d) => { const o = a.outcome.next.objects[d]; return o === undefined || o.via === 'dlmem' ? [] : world.images.get(o.image)?.fileName ?? []; });
    const fixtures = [...world.images.values()].flatMap((f) => f.fileName ?? []);
    return [req({ kind: 'deplist', count: own.length, listed, unlisted, files, fixtures }, ['noreloc.deplist.contents'], 'wrong-value',
      `RTLD_DI_DEPLIST should list ${own.length} distinct dependencies${own.length < v.objects.length ? ' (and may list system libraries)' : ''}`)];
  }
  if (v?.kind !== 'mapinfo') return [];
  const out = [
    req({ kind: 'mapinfo-relocated', relocated: v.relocated }, ['noreloc.mapinfo.relocated'], 'wrong-value', `MAPINFO.relocated should be ${v.relocated ? 1 : 0}`),
    req({ kind: 'mapinfo-length', length: v.mapLength }, ['noreloc.mapinfo.extent'], 'wrong-value', `MAPINFO.map_length should be the object's extent, ${v.mapLength} bytes`),
  ];
  if (v.mapAligns.length > 0) {
    out.push(req({ kind: 'mapinfo-align', aligns: v.mapAligns }, [v.mapAligns.length === 1 ? 'noreloc.mapinfo.align' : 'noreloc.mapinfo.align-large'], 'wrong-value',
      `MAPINFO.map_align should be ${v.mapAligns.join(' or ')}`));
  }
  return out;
}

/** What fdlopen leaves behind once it returned a handle: the caller's fd open, no mapping of the whole file. */
export function fdlopenRequirements(call: Call, o: Outcome): Requirement[] {
  if (call.type !== 'fdlopen' || o.ret.kind !== 'handle') return [];
  return [
    req({ kind: 'fdlopen-after', what: 'fd-kept' }, ['fdlopen.def.fd-kept'], 'wrong-value', 'fdlopen leaves fd open'),
    req({ kind: 'fdlopen-after', what: 'file-unmapped' }, ['fdlopen.def.maps-file'], 'wrong-layout', 'no mapping of the whole file is left'),
  ];
}
