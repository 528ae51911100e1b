import { describe, expect, it } from 'vitest';
import { initialState } from '../state/initial.js';
import { step } from '../step.js';
import type { Call } from '../types/calls.js';
import type { Outcome } from '../types/outcome.js';
import type { ModelState } from '../types/state.js';
import { sampleWorld } from '../world/sample.js';
import { alphabet, heldHandles } from './alphabet.js';
import { canonicalKey } from './canonical.js';
import { stepFindings } from './findings.js';
import { compareReports, cornerReport } from './report.js';
import { exploreModel } from './search.js';

const NOW = { flags: ['RTLD_NOW'] } as const;

/** The first non-undefined outcome's state after each call. */
function after(world: ReturnType<typeof sampleWorld>, calls: readonly Call[], from: ModelState = initialState()): ModelState {
  let state = from;
  for (const call of calls) {
    const r = step(state, call, world);
    if (r.kind !== 'outcomes') throw new Error(r.reason);
    state = (r.outcomes.find((o) => o.firmness !== 'undefined') as Outcome).next;
  }
  return state;
}

describe('canonical state keys', () => {
  const world = sampleWorld('dlmem-v9');

  it('a closed object leaves no trace: loading and closing it again is the same state', () => {
    const cycle: Call[] = [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }, { type: 'dlclose', handle: 'h' }];
    const once = after(world, cycle);
    const twice = after(world, [...cycle, ...cycle]);
    expect(twice.objects.length).toBeGreaterThan(once.objects.length);
    expect(canonicalKey(twice)).toBe(canonicalKey(once));
  });

  it('a failed load before a load does not make the state new', () => {
    const load: Call[] = [{ type: 'mmap-file', as: 'r1', file: { image: 'plain' }, prot: { r: true, w: false, x: false }, shared: false },
      { type: 'dlmem', as: 'h1', buffer: { region: 'r1' }, size: 'region', mode: NOW, args: null }];
    const failed: Call[] = [{ type: 'mmap-file', as: 'r0', file: { image: 'needs-missing' }, prot: { r: true, w: false, x: false }, shared: false },
      { type: 'dlmem', as: 'h0', buffer: { region: 'r0' }, size: 'region', mode: NOW, args: null }, { type: 'dlerror' }];
    expect(canonicalKey(after(world, [...failed, ...load]))).toBe(canonicalKey(after(world, load)));
  });

  it('two different loads are different states', () => {
    const a = after(world, [{ type: 'dlopen', as: 'h', file: 'plain', mode: NOW }]);
    const b = after(world, [{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }]);
    expect(canonicalKey(a)).not.toBe(canonicalKey(b));
  });
});

describe('findings', () => {
  const world = sampleWorld('dlmem-v9');
  const state = initialState();
  const call: Call = { type: 'dlerror' };
  const base: Outcome = { ret: { kind: 'none' }, error: { kind: 'none' }, next: state, effects: [], cites: ['base.dlerror.once'], firmness: 'specified' };

  it('two specified outcomes that disagree and share no clause are a contradiction', () => {
    const failing: Outcome = { ...base, ret: { kind: 'null' }, error: { kind: 'error', errno: 'EINVAL' }, cites: ['dlmem.args.null-args'] };
    const found = stepFindings(state, call, [base, failing], world).filter((f) => f.kind === 'contradiction');
    expect(found.length).toBe(1);
    expect(found[0]?.clauses).toEqual(['base.dlerror.once', 'dlmem.args.null-args']);
    // Sharing a clause, they are one clause's alternatives, not a contradiction.
    expect(stepFindings(state, call, [base, { ...failing, cites: ['base.dlerror.once'] }], world).filter((f) => f.kind === 'contradiction')).toEqual([]);
  });

  it('an unspecified outcome is about its clauses that are not normative; the others are context', () => {
    const open: Outcome = { ...base, firmness: 'unspecified', gap: 'whether object 3 is kept is not said', cites: ['base.dlerror.once', 'dlmem.names.no-dedup-anonymous'] };
    const [f] = stepFindings(state, call, [open], world);
    expect(f).toMatchObject({ kind: 'unspecified', clauses: ['dlmem.names.no-dedup-anonymous'], context: ['base.dlerror.once'], detail: 'whether object # is kept is not said' });
  });
});

describe('exploration', () => {
  const world = sampleWorld('dlmem-v9');
  const e = exploreModel(world, initialState(), { depth: 2 });

  it('counts every distinct state once, by depth', () => {
    expect(e.perDepth.length).toBe(3);
    expect(e.perDepth.reduce((a, b) => a + b, 0)).toBe(e.states);
    expect(e.states).toBeGreaterThan(e.perDepth[1] ?? 0);
    expect(e.transitions).toBeGreaterThan(e.states);
  });

  it('finds the open questions of the text, each on a shortest sequence', () => {
    const details = e.corners.map((c) => c.finding.detail);
    expect(details.some((d) => d.includes('same bytes without a soname'))).toBe(true);
    const once = exploreModel(world, initialState(), { depth: 1 });
    const atOne = new Set(once.corners.map((c) => c.finding.detail));
    for (const c of e.corners) expect(c.letters.length).toBe(atOne.has(c.finding.detail) ? 1 : 2);
    expect(e.corners.filter((c) => c.finding.kind === 'model-error' || c.finding.kind === 'invariant')).toEqual([]);
  });

  it('respects the bound on held objects', () => {
    let state = initialState();
    for (const label of ['dlmem ctor', 'dlopen plain']) {
      const load = alphabet(world, state).find((l) => l.label === label);
      if (load === undefined) throw new Error(`no letter ${label}`);
      state = after(world, load.calls, state);
    }
    expect(heldHandles(state).size).toBe(2);
    expect(alphabet(world, state).some((l) => l.calls.some((c) => c.type === 'dlmem'))).toBe(false);
  });

  it('a report groups corner cases by clause and compares profiles', () => {
    const v9 = cornerReport(e);
    const branch = cornerReport(exploreModel(sampleWorld('dlmem-branch'), initialState(), { depth: 2 }));
    for (const [clause, indexes] of Object.entries(v9.byClause)) {
      for (const i of indexes) expect(v9.corners[i]?.clauses).toContain(clause);
    }
    const c = compareReports(v9, branch);
    // DLMEM_GENBUF_SRC is an unknown flag in v9 and defined on the branch: the question closes.
    expect(c.closed.some((x) => x.clauses.includes('dlmem.args.flags-unknown'))).toBe(true);
    expect(c.shared + c.opened.length).toBe(branch.corners.length);
  });
});
