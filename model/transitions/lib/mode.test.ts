import { describe, expect, it } from 'vitest';
import { initialState } from '../../state/initial.js';
import { testWorld } from '../../testing/world.js';
import { isDeferred, validateMode, weaken, weakerFirmness } from './mode.js';

const state = initialState();
const v9 = testWorld('dlmem-v9');
const v2 = testWorld('norelocate-v2');

describe('validateMode', () => {
  it('lets a valid mode go on unchanged and specified', () => {
    const check = validateMode(state, { flags: ['RTLD_NOW', 'RTLD_GLOBAL'] }, v9, []);
    expect(check.failures).toEqual([]);
    expect(check.proceedWith).toEqual([{ mode: { flags: ['RTLD_NOW', 'RTLD_GLOBAL'] }, firmness: 'specified', cites: [] }]);
  });

  it('gives a mode without binding EINVAL or RTLD_LAZY (base.dlopen.mode-binding)', () => {
    const check = validateMode(state, { flags: ['RTLD_GLOBAL'] }, v9, ['dlmem.args.mode-invalid']);
    expect(check.failures).toHaveLength(1);
    const [fail] = check.failures;
    expect(fail?.ret).toEqual({ kind: 'null' });
    expect(fail?.error).toEqual({ kind: 'error', errno: 'EINVAL' });
    expect(fail?.firmness).toBe('implementation-defined');
    expect(fail?.cites).toEqual(['dlmem.args.mode-invalid', 'base.dlopen.mode-binding']);
    expect(fail?.next.dlerror?.errno).toBe('EINVAL');
    expect(check.proceedWith).toEqual([{
      mode: { flags: ['RTLD_LAZY', 'RTLD_GLOBAL'] }, firmness: 'implementation-defined', cites: ['base.dlopen.mode-binding'],
    }]);
  });

  it('gives unknown bits EINVAL or ignores them (base.dlopen.mode-unknown-bits)', () => {
    const check = validateMode(state, { flags: ['RTLD_NOW'], extraBits: 0x40000 }, v9, []);
    expect(check.failures.map((o) => o.cites)).toEqual([['base.dlopen.mode-unknown-bits']]);
    expect(check.proceedWith[0]?.mode).toEqual({ flags: ['RTLD_NOW'] });
    expect(check.proceedWith[0]?.cites).toEqual(['base.dlopen.mode-unknown-bits']);
  });

  it('treats RTLD_NORELOCATE as unknown in dlmem profiles and known in norelocate ones', () => {
    const mode = { flags: ['RTLD_NOW', 'RTLD_NORELOCATE'] } as const;
    const inV9 = validateMode(state, mode, v9, []);
    expect(inV9.failures).toHaveLength(1);
    expect(inV9.proceedWith[0]?.mode.flags).toEqual(['RTLD_NOW']);
    const inV2 = validateMode(state, mode, v2, []);
    expect(inV2.failures).toEqual([]);
    expect(inV2.proceedWith[0]?.mode).toBe(mode);
    expect(isDeferred(mode, v2)).toBe(true);
    expect(isDeferred(mode, v9)).toBe(false);
  });

  it('reports each defect of a doubly bad mode as its own failure and one lenient way on', () => {
    const check = validateMode(state, { flags: [], extraBits: 0x40000 }, v9, []);
    expect(check.failures.map((o) => o.cites[0])).toEqual(['base.dlopen.mode-binding', 'base.dlopen.mode-unknown-bits']);
    expect(check.proceedWith).toHaveLength(1);
    expect(check.proceedWith[0]?.mode).toEqual({ flags: ['RTLD_LAZY'] });
  });
});

describe('weaken', () => {
  it('adds cites, keeps the weaker firmness and joins gaps', () => {
    const [fail] = validateMode(state, { flags: [] }, v9, []).failures;
    if (fail === undefined) throw new Error('no failure');
    const weakened = weaken(fail, 'unspecified', ['dlmem.args.flags-unknown'], 'a gap');
    expect(weakened.firmness).toBe('unspecified');
    expect(weakened.cites).toEqual(['dlmem.args.flags-unknown', 'base.dlopen.mode-binding']);
    expect(weakened.gap).toBe('a gap');
    expect(weaken(fail, 'specified', [])).toBe(fail);
    expect(weakerFirmness('specified', 'undefined')).toBe('undefined');
  });
});
