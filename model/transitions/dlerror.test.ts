import { describe, expect, it } from 'vitest';
import { initialState } from '../state/initial.js';
import { testWorld } from '../testing/world.js';
import { NOW, chain, one, outcomesOf } from './lib/chain.js';

const v9 = testWorld('dlmem-v9');

describe('dlerror', () => {
  it('reports a failure once, then NULL (base.dlerror.once), naming its error number (base.dlerror.error-class)', () => {
    const [failed, first, second] = chain(v9, [
      { call: { type: 'dlopen', as: 'h', file: 'needs-missing', mode: NOW } }, { call: { type: 'dlerror' } }, { call: { type: 'dlerror' } },
    ]);
    expect(failed?.next.dlerror?.errno).toBe('ENOENT');
    expect(first).toMatchObject({ ret: { kind: 'string', text: 'ENOENT' }, firmness: 'specified', error: { kind: 'none' } });
    expect(first?.cites).toEqual(['base.dlerror.once', 'base.dlerror.error-class']);
    expect(first?.next.dlerror).toBeNull();
    expect(second?.ret).toEqual({ kind: 'string', text: null });
  });

  it('cites no error class when the failing clause names no error number', () => {
    const [, first] = chain(v9, [{ call: { type: 'dlopen', as: 'h', file: 'undef-data', mode: NOW } }, { call: { type: 'dlerror' } }]);
    expect(first?.ret).toEqual({ kind: 'string', text: 'unspecified' });
    expect(first?.cites).toEqual(['base.dlerror.once']);
  });

  it('has nothing to report after a call that succeeded (base.dlerror.success-silent)', () => {
    const [opened, report] = chain(v9, [{ call: { type: 'dlopen', as: 'h', file: 'plain', mode: NOW } }, { call: { type: 'dlerror' } }]);
    expect(opened?.next.dlerror).toBeNull();
    expect(report?.ret).toEqual({ kind: 'string', text: null });
    expect(report?.cites).toContain('base.dlerror.success-silent');
    expect(one(outcomesOf(v9, initialState(), { type: 'dlerror' })).next).toEqual(initialState());
  });
});
