import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleWorld } from '../../model/world/sample.js';
import type { ProfileId } from '../../model/world/world.js';
import { parseCase } from '../case-file/case.js';
import { checkWithModel } from '../loaders/model.js';
import type { ResultEntry } from '../report/types.js';
import type { ActiveLoader } from '../runner/setup.js';
import { caseText, sequenceCase } from './case.js';
import type { FuzzLoader } from './loader.js';
import { runFuzz } from './run.js';
import { saveGroups } from './save.js';
import { sequenceOf } from './sequence.js';

const choices = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 });

describe('generated sequences', () => {
  for (const profile of ['dlmem-branch', 'norelocate-branch', 'norelocate-v1'] as ProfileId[]) {
    it(`are well-formed for the model in ${profile}: every step has an outcome, none breaks an invariant`, () => {
      const world = sampleWorld(profile);
      fc.assert(fc.property(choices, (cs) => {
        const seq = sequenceOf(world, cs, () => true);
        expect(seq.letters.length).toBe(cs.length);
        expect(checkWithModel({ steps: seq.steps }, world).kind).toBe('PASS');
      }), { numRuns: 60, seed: 7 });
    });
  }

  it('leave out the calls the loader lacks', () => {
    const world = sampleWorld('dlmem-v9');
    const seq = sequenceOf(world, [0, 1, 2, 3, 4, 5], (c) => c.type !== 'dlmem');
    expect(seq.steps.some((s) => s.type === 'dlmem')).toBe(false);
    expect(seq.steps.length).toBeGreaterThan(0);
  });

  it('read back from their case file as they were written', () => {
    const world = sampleWorld('dlmem-branch');
    const seq = sequenceOf(world, [3, 7, 11, 2, 9], () => true);
    const c = sequenceCase('found/round-trip', 'a round trip', seq.steps, 'dlmem-branch', ['dlmem.args.handle'],
      { seed: 1, path: '0:1', loader: 'host-glibc', signature: 'x' });
    const parsed = parseCase(c.file, caseText(c));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.case.steps).toEqual(seq.steps);
    expect(parsed.case.found).toEqual(c.found);
    expect(parsed.case.features).toEqual(c.features);
  });
});

/** A loader that diverges exactly when a dlclose follows a dlmem, blaming dlmem.close.refcount. */
function fakeLoader(profile: ProfileId): FuzzLoader {
  const world = sampleWorld(profile);
  const run = async (c: Parameters<FuzzLoader['run']>[0]): Promise<ResultEntry> => {
    const loaded = c.steps.findIndex((s) => s.type === 'dlmem');
    const closed = c.steps.findIndex((s, i) => i > loaded && loaded >= 0 && s.type === 'dlclose');
    const base = { case: c.id, file: c.file, profile, loader: 'fake', gaps: [], steps: [], clauses: c.clauses, ms: 0 };
    if (closed < 0) return { ...base, verdict: 'PASS' };
    return { ...base, verdict: 'FAIL', divergence: { step: closed + 1, call: 'dlclose(h)', kind: 'wrong-events', allowed: [], observed: 'x', violated: ['dlmem.close.refcount'], clauses: [], detail: '' } };
  };
  return { active: { loader: { id: 'fake' } } as unknown as ActiveLoader, world, allows: () => true, run };
}

describe('the fuzz loop', () => {
  it('groups divergences by signature and shrinks each to a short case with the loader in the loop', async () => {
    const out = await runFuzz(fakeLoader('dlmem-v9'), { profile: 'dlmem-v9', seed: 42, runs: 120 });
    expect(out.runs).toBe(120);
    expect(Object.values(out.verdicts).reduce((a, b) => a + b, 0)).toBe(120);
    expect(out.groups.map((g) => g.signature)).toEqual(['wrong-events at dlclose breaking dlmem.close.refcount']);
    const [g] = out.groups;
    expect(out.verdicts['FAIL']).toBe(g?.count);
    expect(out.shrinkRuns).toBeGreaterThan(0);
    // Shrunk: a source, the dlmem, and the dlclose: nothing else.
    expect(g?.case.steps.map((s) => s.type).slice(-2)).toEqual(['dlmem', 'dlclose']);
    expect(g?.case.steps.length).toBeLessThanOrEqual(4);
    expect(g?.case.clauses).toEqual(['dlmem.close.refcount']);
  });

  it('saves one case per new group, once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dlspec-fuzz-'));
    try {
      const out = await runFuzz(fakeLoader('dlmem-v9'), { profile: 'dlmem-v9', seed: 5, runs: 60 });
      expect(saveGroups(root, 'fake', out.groups).length).toBe(out.groups.length);
      expect(saveGroups(root, 'fake', out.groups)).toEqual([]);
      const files = readdirSync(join(root, 'conformance/cases/found'));
      expect(files.length).toBe(out.groups.length);
      const file = `conformance/cases/found/${files[0] ?? ''}`;
      const parsed = parseCase(file, readFileSync(join(root, file), 'utf8'));
      expect(parsed.ok).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
