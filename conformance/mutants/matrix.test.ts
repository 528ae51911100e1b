import { describe, expect, it } from 'vitest';
import type { ResultEntry } from '../report/types.js';
import { MUTANTS, canMutate, splitMutantId, type Mutant } from './catalogue.js';
import { killMatrix, matrixRow, score } from './matrix.js';

const mutant: Mutant = { id: 'm', clause: 'base.dlerror.once', base: 'libc', does: 'd' };
const result = (loader: string, verdict: ResultEntry['verdict'], violated: string[] = [], c = 'baseline/x'): ResultEntry => ({
  case: c, file: `${c}.case.yaml`, profile: 'dlmem-v9', loader, verdict, gaps: [], steps: [], clauses: [],
  ...(verdict === 'PASS' ? { judged: { 'base.dlerror.once': 'PASS' } } : {}),
  ...(verdict === 'FAIL' ? { divergence: { step: 2, call: 'dlerror()', kind: 'wrong-error', allowed: [], observed: '', violated, clauses: violated } } : {}),
} as unknown as ResultEntry);

describe('matrixRow', () => {
  it('kills a mutant whose FAIL names its clause where the base loader passed', () => {
    const row = matrixRow(mutant, 'host', [result('host', 'PASS'), result('host~m', 'FAIL', ['base.dlerror.once'])]);
    expect(row).toMatchObject({ fate: 'killed', kills: 1, evidence: { case: 'baseline/x', where: 'step 2 wrong-error' } });
  });

  it('blames an attribution fault when the new FAIL names another clause', () => {
    expect(matrixRow(mutant, 'host', [result('host', 'PASS'), result('host~m', 'FAIL', ['base.dlsym.found'])])?.fate).toBe('killed-elsewhere');
  });

  it('does not count a failure the base loader already has', () => {
    const rows = [result('host', 'FAIL', ['base.dlerror.once']), result('host~m', 'FAIL', ['base.dlerror.once'])];
    expect(matrixRow(mutant, 'host', rows)).toMatchObject({ fate: 'masked', masked: 'the unmutated loader already breaks this clause' });
    // A base loader that crashes before judging the clause passes it nowhere: nothing to tell apart either.
    expect(matrixRow(mutant, 'host', [result('host', 'FAIL', ['dlmem.elf.no-crash']), result('host~m', 'FAIL', ['dlmem.elf.no-crash'])]))
      .toMatchObject({ fate: 'masked', masked: 'the unmutated loader never passes this clause' });
    expect(matrixRow(mutant, 'host', [result('host', 'PASS'), result('host~m', 'PASS')])?.fate).toBe('survived');
  });

  it('says not-run when the mutant only gave ERRORs, allowed for an allowed departure, nothing for a mutant not made', () => {
    expect(matrixRow(mutant, 'host', [result('host', 'PASS'), result('host~m', 'ERROR')])?.fate).toBe('not-run');
    expect(matrixRow({ ...mutant, allowed: 'why' }, 'host', [result('host', 'PASS'), result('host~m', 'PASS')])?.fate).toBe('allowed');
    expect(matrixRow(mutant, 'musl', [result('host', 'PASS')])).toBeUndefined();
  });

  it('scores killed over the rows that could be told apart', () => {
    const rows = killMatrix([mutant, { ...mutant, id: 'n' }], ['host'], [
      result('host', 'PASS'), result('host~m', 'FAIL', ['base.dlerror.once']), result('host~n', 'PASS'),
    ]);
    expect(rows.map((r) => r.fate)).toEqual(['killed', 'survived']);
    expect(score(rows)).toEqual({ killed: 1, judged: 2, ratio: 0.5 });
  });
});

describe('the catalogue', () => {
  const hello = (libc: string, apis: Partial<Record<'dlmem' | 'dlrelocate' | 'dlset_object_base' | 'dlmopen', boolean>>, compat?: string) => ({
    kind: 'hello' as const, protocol: 2, libc, pagesize: 4096, ...(compat === undefined ? {} : { compat }),
    apis: { dlmem: false, dlrelocate: false, dlset_object_base: false, dlmopen: true, ...apis },
  });

  it('has unique ids, each breaking a clause, and makes each only of a loader that has what it wraps', () => {
    expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
    const by = (id: string) => MUTANTS.find((m) => m.id === id) as Mutant;
    expect(canMutate(by('premap-twice'), hello('glibc 2.36', { dlmem: true }, 'memfd'))).toBe(false);
    expect(canMutate(by('premap-twice'), hello('glibc 2.38', { dlmem: true }))).toBe(true);
    expect(canMutate(by('dlmem-no-dlerror'), hello('musl', { dlmem: true }, 'memfd'))).toBe(true);
    expect(canMutate(by('unload-while-open'), hello('musl', {}))).toBe(false);
    expect(canMutate(by('mapinfo-wrong-extent'), hello('glibc 2.38', { dlrelocate: true, dlset_object_base: true }))).toBe(true);
    expect(splitMutantId('host-glibc+memfd~premap-twice')).toEqual({ base: 'host-glibc+memfd', mutant: 'premap-twice' });
    expect(splitMutantId('host-glibc')).toBeUndefined();
  });
});
