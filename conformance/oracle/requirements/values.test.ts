import { describe, expect, it } from 'vitest';
import { testWorld } from '../../../model/testing/world.js';
import type { CaseDef } from '../../case-file/case.js';
import type { HelloLine, StepLine } from '../../protocol.js';
import { EMPTY_BINDING } from '../binding.js';
import { checkTrace } from '../check.js';
import { evaluateCheck } from './evaluate.js';
import type { Requirement } from './types.js';

const hello: HelloLine = { kind: 'hello', protocol: 2, libc: 'test', apis: { dlmem: true, dlrelocate: false, dlset_object_base: false, dlmopen: true }, pagesize: 4096 };
const line = (step: number, op: string, patch: Partial<StepLine> = {}): StepLine =>
  ({ kind: 'step', step, op, ret: { kind: 'none' }, events: [], premap: [], regions: {}, objects: [], gone: [], ...patch });
const ctor: StepLine['events'] = []; // the test world's plain has no constructor

describe('RTLD_DI_LMID', () => {
  const c: CaseDef = {
    id: 'test/lmid', description: '', clauses: [], features: ['baseline', 'namespaces'], profiles: ['dlmem-v9'], file: 'x',
    steps: [{ type: 'dlmopen', as: 'h', nsid: 'LM_ID_NEWLM', file: 'plain', mode: { flags: ['RTLD_NOW'] } }, { type: 'dlinfo', as: 'ns', handle: 'h', request: 'RTLD_DI_LMID' }],
  };
  const run = (lmid: number) => checkTrace(c, testWorld('dlmem-v9'), {
    hello, stderr: '', end: { kind: 'exit', code: 0 }, lastBegin: 2, driverError: undefined,
    steps: [line(1, 'dlmopen', { ret: { kind: 'ptr', value: '0x10' }, events: ctor }), line(2, 'dlinfo', { ret: { kind: 'int', value: 0 }, value: { lmid } })],
  });

  it('passes a new namespace reported by a non-zero id', () => {
    const v = run(1);
    expect(v.divergence).toBeUndefined();
    expect(v.kind).toBe("PASS");
  });

  it('fails, naming the new-namespace clause, when the object is in the base namespace', () => {
    const v = run(0);
    expect(v.kind).toBe('FAIL');
    expect(v.divergence).toMatchObject({ step: 2, kind: 'wrong-value' });
    expect(v.divergence?.violated).toEqual([expect.stringMatching(/^base\.dlmopen\.newlm$/)]);
  });
});

describe('the RTLD_DI_DEPLIST requirement', () => {
  const r = (listed: string[], unlisted: string[] = [], files: string[] = []): Requirement =>
    ({ check: { kind: 'deplist', count: 2, listed, unlisted, files, fixtures: ['libdlspec-plain.so', 'libdlspec-ctor.so'] }, clauses: [], divergence: 'wrong-value', text: '' });
  const obs = (deps: string[], names?: (string | null)[]): StepLine => line(1, 'dlinfo', { value: { ndeps: deps.length, deps, ...(names === undefined ? {} : { names }) } });

  it('passes the right number of distinct handles with every bound dependency and no other bound handle', () => {
    expect(evaluateCheck(r(['0x1'], ['0x9']), obs(['0x1', '0x2']), EMPTY_BINDING).result).toBe('pass');
  });

  it('fails a short list, a repeated handle, a missing dependency and a handle that is no dependency', () => {
    expect(evaluateCheck(r([]), obs(['0x1']), EMPTY_BINDING)).toMatchObject({ result: 'fail', detail: 'it lists 1 handles (1 distinct)' });
    // More than the dependencies: system libraries may be listed too (noreloc.deplist.extra), another fixture may not.
    expect(evaluateCheck(r([], [], ['libdlspec-plain.so']), obs(['0x1', '0x2', '0x3'], ['/f/libdlspec-plain.so', '/lib/libc.so.6', '/lib/ld.so']), EMPTY_BINDING).result).toBe('pass');
    expect(evaluateCheck(r([], [], ['libdlspec-plain.so']), obs(['0x1', '0x2'], ['/f/libdlspec-plain.so', '/f/libdlspec-ctor.so']), EMPTY_BINDING))
      .toMatchObject({ result: 'fail', detail: 'it lists libdlspec-ctor.so, which is no dependency' });
    expect(evaluateCheck(r([]), obs(['0x1', '0x1']), EMPTY_BINDING).result).toBe('fail');
    expect(evaluateCheck(r(['0x3']), obs(['0x1', '0x2']), EMPTY_BINDING)).toMatchObject({ result: 'fail', detail: 'it leaves out 0x3' });
    expect(evaluateCheck(r([], ['0x2']), obs(['0x1', '0x2']), EMPTY_BINDING)).toMatchObject({ result: 'fail', detail: 'it lists 0x2, which is no dependency' });
  });

  it('fails a listing with no object of a dependency\'s file name, though no step bound its handle', () => {
    const names = ['/f/libdlspec-plain.so', '/lib/libc.so.6'];
    expect(evaluateCheck(r([], [], ['libdlspec-plain.so']), obs(['0x1', '0x2'], names), EMPTY_BINDING).result).toBe('pass');
    expect(evaluateCheck(r([], [], ['libdlspec-ctor.so']), obs(['0x1', '0x2'], names), EMPTY_BINDING))
      .toMatchObject({ result: 'fail', detail: 'it lists no libdlspec-ctor.so' });
  });

  it('cannot be judged without the listing', () => {
    expect(evaluateCheck(r([]), line(1, 'dlinfo'), EMPTY_BINDING).result).toBe('skip');
  });
});
