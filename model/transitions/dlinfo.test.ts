import { describe, expect, it } from 'vitest';
import type { Call } from '../types/calls.js';
import { objectAt } from '../state/objects.js';
import { STANDARD_IMAGES, testWorld } from '../testing/world.js';
import { DEFER, NOW, ctorCount, one, outcomesOf, rwRegion, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const v1 = testWorld('norelocate-v1');
const v2 = testWorld('norelocate-v2');
const br = testWorld('norelocate-branch');
const info = (request: Extract<Call, { type: 'dlinfo' }>['request'], handle = 'h'): Call => ({ type: 'dlinfo', as: 'i', handle, request });
const loaded = (world = v9) => stateAfter(world, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }]);
const deferred = (world = br) => stateAfter(world, [{ call: { type: 'dlopen', as: 'h', file: 'ctor', mode: DEFER }, pick: (o) => o.firmness === 'specified' }]);

describe('dlinfo: baseline requests', () => {
  it('stores the link map (base.dlinfo.linkmap) and the origin (base.dlinfo.origin)', () => {
    const link = one(outcomesOf(v9, loaded(), info('RTLD_DI_LINKMAP')));
    expect(link).toMatchObject({ ret: { kind: 'int', value: 0 }, cites: ['base.dlinfo.linkmap'], firmness: 'specified' });
    expect(link.next.vars.get('i')).toEqual({ kind: 'dlinfo', object: 1, request: 'RTLD_DI_LINKMAP' });
    const [stored, unsupported] = outcomesOf(v9, loaded(), info(6));
    expect(stored).toMatchObject({ ret: { kind: 'int', value: 0 }, cites: ['base.dlinfo.origin'], firmness: 'implementation-defined' });
    expect(stored?.value).toEqual({ kind: 'dlinfo', object: 1, request: 'RTLD_DI_ORIGIN' });
    expect(unsupported).toMatchObject({ ret: { kind: 'int', value: -1 }, error: { kind: 'error' }, firmness: 'implementation-defined' });
  });

  it('reports the namespace with RTLD_DI_LMID', () => {
    const o = one(outcomesOf(v9, loaded(), info('RTLD_DI_LMID')));
    expect(o.next.vars.get('i')).toEqual({ kind: 'ns', ns: 0 });
  });

  it('returns -1 with a message for a request the loader does not define (base.dlinfo.bad-request)', () => {
    for (const request of [99, 'RTLD_DI_MAPINFO', 13] as const) {
      const o = one(outcomesOf(v9, loaded(), info(request)));
      expect(o.ret).toEqual({ kind: 'int', value: -1 });
      expect(o.cites).toEqual(['base.dlinfo.bad-request']);
      expect(o.next.dlerror).not.toBeNull();
    }
    expect(one(outcomesOf(v1, loaded(v1), info('RTLD_DI_DEPLIST'))).cites).toEqual(['base.dlinfo.bad-request']);
    expect(one(outcomesOf(v2, loaded(v2), info('RTLD_DI_MAPINFO'))).cites).toEqual(['base.dlinfo.bad-request']);
  });

  it('has no move queries in the 13 April text: MAPINFO and DEPLIST relocate like any request, then fail (base.dlinfo.bad-request, noreloc.trigger.dlinfo-other)', () => {
    for (const request of ['RTLD_DI_MAPINFO', 'RTLD_DI_DEPLIST'] as const) {
      const o = one(outcomesOf(v2, deferred(v2), info(request)));
      expect(o).toMatchObject({ ret: { kind: 'int', value: -1 }, firmness: 'specified' });
      expect(o.cites).toEqual(['noreloc.trigger.first-operation', 'noreloc.trigger.dlinfo-other', 'base.dlinfo.bad-request']);
      expect(o.effects).toEqual([{ kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
    }
  });

  it('is undefined behaviour on a name that holds no handle (base.dlclose.bad-handle)', () => {
    const o = one(outcomesOf(v9, loaded(), info('RTLD_DI_LINKMAP', 'nothing')));
    expect(o).toMatchObject({ firmness: 'undefined', cites: ['base.dlclose.bad-handle'] });
  });
});

describe('dlinfo: RTLD_DI_MAPINFO and RTLD_DI_DEPLIST (norelocate-branch)', () => {
  it('reports relocated = 0 without relocating an unrelocated object (noreloc.mapinfo.*, noreloc.trigger.move-queries-exempt)', () => {
    const o = one(outcomesOf(br, deferred(), info('RTLD_DI_MAPINFO')));
    expect(o.firmness).toBe('specified');
    expect(o.cites).toEqual(['noreloc.mapinfo.request', 'noreloc.mapinfo.relocated', 'noreloc.trigger.move-queries-exempt']);
    expect(o.ret).toEqual({ kind: 'int', value: 0 });
    expect(o.next.vars.get('i')).toMatchObject({ kind: 'mapinfo', object: 1, relocated: false, mapLength: 13056, mapAligns: [4096] });
    expect(o.effects).toEqual([]);
    expect(objectAt(o.next, 1).status).toBe('unrelocated');
  });

  it('reports relocated = 1 for an object loaded without the bit (noreloc.mapinfo.relocated)', () => {
    const o = one(outcomesOf(br, loaded(br), info(12)));
    expect(o.value).toMatchObject({ kind: 'mapinfo', object: 1, relocated: true, mapLength: 13056, mapAligns: [4096] });
    expect(o.cites).not.toContain('noreloc.trigger.move-queries-exempt');
  });

  it('leaves map_start open between dlset_object_base and the relocation (noreloc.mapinfo.after-setbase)', () => {
    const s = stateAfter(br, [{ type: 'copy-object', handle: 'h', to: 'dst' }, { type: 'dlset-object-base', handle: 'h', base: { region: 'dst' } }],
      rwRegion(deferred(), 'dst', 0x4000));
    const o = one(outcomesOf(br, s, info('RTLD_DI_MAPINFO')));
    expect(o.firmness).toBe('unspecified');
    expect(o.cites).toContain('noreloc.mapinfo.after-setbase');
    expect(o.value).toMatchObject({ kind: 'mapinfo', object: 1, relocated: false, mapLength: 13056, mapAligns: [4096] });
  });

  it('lists the dependency closure without the object; system libraries are implementation-defined (noreloc.deplist.*)', () => {
    const all = outcomesOf(br, deferred(), info('RTLD_DI_DEPLIST'));
    // noreloc.deplist.refcount: each listing again, with the listed handles holding a count each.
    const counted = all.filter((o) => o.cites.includes('noreloc.deplist.refcount'));
    expect(counted.map((o) => [o.firmness, o.next.objects[2]?.refs])).toEqual([['unspecified', 1], ['unspecified', 1]]);
    const outcomes = all.filter((o) => !o.cites.includes('noreloc.deplist.refcount'));
    expect(outcomes.map((o) => o.value)).toEqual([{ kind: 'deplist', objects: [2, 3] }, { kind: 'deplist', objects: [2] }]);
    expect(outcomes.every((o) => o.firmness === 'implementation-defined' && o.effects.length === 0)).toBe(true);
    for (const o of outcomes) {
      expect(o.cites).toEqual(['noreloc.deplist.request', 'noreloc.deplist.contents', 'noreloc.trigger.move-queries-exempt', 'noreloc.deplist.extra']);
    }
  });

  it('gives one listing when no system library is in the closure', () => {
    const world = testWorld('norelocate-branch', [...STANDARD_IMAGES, { name: 'solo', needed: [] }, { name: 'top', needed: ['libsolo.so'] }]);
    const s = stateAfter(world, [{ type: 'dlopen', as: 'h', file: 'top', mode: NOW }]);
    const o = one(outcomesOf(world, s, info('RTLD_DI_DEPLIST')));
    expect(o).toMatchObject({ firmness: 'specified', value: { kind: 'deplist', objects: [2] } });
    expect(o.cites).toEqual(['noreloc.deplist.request', 'noreloc.deplist.contents']);
  });

  it('makes each listed handle usable: deps[i] names the i-th entry, still unrelocated with the object (noreloc.defer.deps-deferred)', () => {
    const s = stateAfter(br, [{ call: info('RTLD_DI_DEPLIST'), pick: (o) => o.value?.kind === 'deplist' && o.value.objects.length === 1 }], deferred());
    const o = one(outcomesOf(br, s, info('RTLD_DI_MAPINFO', 'i[0]')));
    expect(o.value).toMatchObject({ kind: 'mapinfo', object: 2, relocated: false, mapLength: 13056, mapAligns: [4096] });
    expect(o.cites).toContain('noreloc.trigger.move-queries-exempt');
    expect(o.effects).toEqual([]);
  });
});

describe('dlinfo: other requests on an unrelocated handle', () => {
  it('relocate the object first in the 13 April text (noreloc.trigger.dlinfo-other)', () => {
    const o = one(outcomesOf(v2, deferred(v2), info('RTLD_DI_LINKMAP')));
    expect(o.cites).toEqual(expect.arrayContaining(['noreloc.trigger.first-operation', 'noreloc.trigger.dlinfo-other', 'base.dlinfo.linkmap']));
    expect(o.effects).toEqual([{ kind: 'relocated', object: 1 }, { kind: 'ctor', object: 1 }]);
  });

  it('fail with -1 when that relocation fails (noreloc.trigger.implicit-failure)', () => {
    const s = stateAfter(v2, [{ type: 'dlopen', as: 'h', file: 'undef-data', mode: DEFER }]);
    const o = one(outcomesOf(v2, s, info('RTLD_DI_ORIGIN')));
    expect(o.ret).toEqual({ kind: 'int', value: -1 });
    expect(o.cites).toContain('noreloc.trigger.implicit-failure');
    expect(objectAt(o.next, 1).status).toBe('failed');
  });

  it('relocate nothing on the branch, where only dlrelocate and a symbol lookup do (noreloc.trigger.branch-operations)', () => {
    const o = one(outcomesOf(br, deferred(), info('RTLD_DI_LINKMAP')));
    expect(o).toMatchObject({ ret: { kind: 'int', value: 0 }, firmness: 'specified' });
    expect(o.cites).toEqual(['noreloc.trigger.branch-operations', 'base.dlinfo.linkmap']);
    expect(o.effects).toEqual([]);
    expect(objectAt(o.next, 1).status).toBe('unrelocated');
    expect(ctorCount(o.next, 1)).toBe(0);
  });
});
