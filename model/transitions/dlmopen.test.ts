import { describe, expect, it } from 'vitest';
import type { Call, NsRef } from '../types/calls.js';
import { initialState } from '../state/initial.js';
import { objectAt } from '../state/objects.js';
import { testWorld } from '../testing/world.js';
import { DEFER, NOW, one, outcomesOf, stateAfter } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');
const v2 = testWorld('norelocate-v2');
const mopen = (nsid: NsRef, file: string, as = 'h', mode = NOW): Call => ({ type: 'dlmopen', as, nsid, file, mode });

describe('dlmopen', () => {
  it('loads a second, distinct copy into a new namespace (base.dlmopen.newlm)', () => {
    const s = stateAfter(v9, [{ type: 'dlopen', as: 'p0', file: 'plain', mode: NOW }]);
    const o = one(outcomesOf(v9, s, mopen('LM_ID_NEWLM', 'plain')));
    expect(o.cites).toContain('base.dlmopen.newlm');
    expect(o.ret).toEqual({ kind: 'handle', object: 3 });
    expect(objectAt(o.next, 3)).toMatchObject({ ns: 1, status: 'relocated', image: 'plain' });
    expect(objectAt(o.next, 1).ns).toBe(0);
    expect(o.next.namespaces).toBe(2);
  });

  it('opens into a namespace named by a dlinfo(RTLD_DI_LMID) result, sharing its objects', () => {
    const s = stateAfter(v9, [mopen('LM_ID_NEWLM', 'plain'), { type: 'dlinfo', as: 'ns', handle: 'h', request: 'RTLD_DI_LMID' }]);
    expect(s.vars.get('ns')).toEqual({ kind: 'ns', ns: 1 });
    const o = one(outcomesOf(v9, s, mopen({ var: 'ns' }, 'plain', 'h2')));
    expect(o.ret).toEqual({ kind: 'handle', object: 1 });
    expect(o.cites).toContain('base.dlopen.dedup');
    expect(o.next.namespaces).toBe(2);
  });

  it('fails with EINVAL and loads nothing for an id that names no namespace (base.dlmopen.bad-nsid)', () => {
    for (const nsid of [{ raw: 7 }, { raw: -5 }] as const) {
      const o = one(outcomesOf(v9, initialState(), mopen(nsid, 'plain')));
      expect(o.ret).toEqual({ kind: 'null' });
      expect(o.error).toEqual({ kind: 'error', errno: 'EINVAL' });
      expect(o.cites).toEqual(['base.dlmopen.bad-nsid']);
      expect(o.next.objects.length).toBe(1);
    }
  });

  it('treats LM_ID_BASE as the base namespace', () => {
    const o = one(outcomesOf(v9, initialState(), mopen({ raw: 0 }, 'plain')));
    expect(objectAt(o.next, 1).ns).toBe(0);
    expect(o.next.namespaces).toBe(1);
  });

  it('leaves RTLD_NORELOCATE with dlmopen open: deferred, rejected or ignored (noreloc.lifecycle.dlmopen)', () => {
    const outcomes = outcomesOf(v2, initialState(), mopen('LM_ID_NEWLM', 'plain', 'h', DEFER));
    expect(outcomes.every((o) => o.firmness === 'unspecified' && o.cites.includes('noreloc.lifecycle.dlmopen'))).toBe(true);
    const statuses = outcomes.map((o) => (o.ret.kind === 'handle' ? objectAt(o.next, o.ret.object).status : 'rejected'));
    expect(statuses.sort()).toEqual(['rejected', 'relocated', 'unrelocated']);
  });
});
