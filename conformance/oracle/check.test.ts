import { describe, expect, it } from 'vitest';
import type { Call } from '../../model/types/calls.js';
import type { ProfileId } from '../../model/world/world.js';
import { testWorld } from '../../model/testing/world.js';
import type { CaseDef } from '../case-file/case.js';
import type { HelloLine, StepLine } from '../protocol.js';
import { checkTrace } from './check.js';
import type { ProcessEnd, Trace } from './types.js';

const hello: HelloLine = { kind: 'hello', protocol: 2, libc: 'test', apis: { dlmem: true, dlrelocate: true, dlset_object_base: true, dlmopen: true }, pagesize: 4096 };
const NOW = { flags: ['RTLD_NOW'] } as const;

function line(step: number, op: string, patch: Partial<StepLine> = {}): StepLine {
  return { kind: 'step', step, op, ret: { kind: 'none' }, events: [], premap: [], regions: {}, objects: [], gone: [], ...patch };
}

function caseOf(steps: Call[], profile: ProfileId = 'dlmem-v9'): CaseDef {
  return { id: 'test/case', description: 'test', clauses: ['base.dlsym.found'], features: ['baseline'], profiles: [profile], steps, file: 'x' };
}

function trace(steps: StepLine[], end: ProcessEnd = { kind: 'exit', code: 0 }, lastBegin?: number): Trace {
  return { hello, steps, lastBegin: lastBegin ?? steps.at(-1)?.step, driverError: undefined, end, stderr: '' };
}

const openCall: Call[] = [
  { type: 'dlopen', as: 'h', file: 'plain', mode: NOW },
  { type: 'dlsym', as: 's', handle: 'h', symbol: 'ref1' },
  { type: 'call', as: 'v', symbol: 's' },
];
const ptr = (value: string) => ({ kind: 'ptr', value }) as const;

describe('checkTrace', () => {
  const world = testWorld('dlmem-v9');

  it('passes a trace that matches the model', () => {
    const v = checkTrace(caseOf(openCall), world, trace([
      line(1, 'dlopen', { ret: ptr('0x10') }), line(2, 'dlsym', { ret: ptr('0x20') }), line(3, 'call', { value: { int: 42 } }),
    ]));
    expect(v.kind).toBe('PASS');
    expect(v.steps.map((s) => s.matched)).toEqual([1, 1, 1]);
  });

  it('fails with wrong-value when a function returns something else', () => {
    const v = checkTrace(caseOf(openCall), world, trace([
      line(1, 'dlopen', { ret: ptr('0x10') }), line(2, 'dlsym', { ret: ptr('0x20') }), line(3, 'call', { value: { int: 41 } }),
    ]));
    expect(v.kind).toBe('FAIL');
    expect(v.divergence).toMatchObject({ step: 3, kind: 'wrong-value' });
  });

  it('fails with error-not-value when a load the spec requires fails', () => {
    const v = checkTrace(caseOf(openCall.slice(0, 1)), world, trace([line(1, 'dlopen', { ret: { kind: 'null' }, dlerror: 'nope', errno: 2 })]));
    expect(v.divergence).toMatchObject({ step: 1, kind: 'error-not-value' });
    expect(v.divergence?.clauses).toContain('base.dlopen.ctors-before-return');
  });

  it('fails with wrong-handle when reopening gives another handle (base.dlopen.dedup)', () => {
    const steps: Call[] = [openCall[0] as Call, { type: 'dlopen', as: 'h2', file: 'plain', mode: NOW }];
    const v = checkTrace(caseOf(steps), world, trace([line(1, 'dlopen', { ret: ptr('0x10') }), line(2, 'dlopen', { ret: ptr('0x30') })]));
    expect(v.divergence).toMatchObject({ step: 2, kind: 'wrong-handle' });
  });

  it('fails with wrong-events when a constructor does not run', () => {
    const v = checkTrace(caseOf([{ type: 'dlopen', as: 'h', file: 'ctor', mode: NOW }]), world, trace([line(1, 'dlopen', { ret: ptr('0x10') })]));
    expect(v.divergence).toMatchObject({ kind: 'wrong-events', detail: 'the constructor and destructor events should be [ctor ctor]: saw []' });
  });

  it('reports a crash where the spec allows none as unexpected-signal, and a hang as hang', () => {
    const crash = checkTrace(caseOf(openCall), world, trace([line(1, 'dlopen', { ret: ptr('0x10') })], { kind: 'signal', signal: 'SIGSEGV' }, 2));
    expect(crash.divergence).toMatchObject({ step: 2, kind: 'unexpected-signal', observed: 'killed by SIGSEGV' });
    const hang = checkTrace(caseOf(openCall), world, trace([], { kind: 'timeout', ms: 10 }, 1));
    expect(hang.divergence).toMatchObject({ step: 1, kind: 'hang' });
  });

  it('accepts a crash after a broken caller requirement as unspecified, not as a failure', () => {
    const steps: Call[] = [{ type: 'dlclose', handle: 'nothing' }];
    const v = checkTrace(caseOf(steps), world, trace([], { kind: 'signal', signal: 'SIGSEGV' }, 1));
    expect(v.kind).toBe('UNSPECIFIED');
    expect(v.gaps[0]?.clauses).toContain('base.dlclose.bad-handle');
  });

  it('checks premap arguments: a maplength that is not the extent fails (dlmem.premap.maplength)', () => {
    const steps: Call[] = [
      { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: { r: true, w: false, x: false }, shared: false },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: NOW, args: { flags: ['DLMEM_DONTREPLACE'], premap: 'anon' } },
    ];
    const premap = (maplength: number) => [{ mappref: '0x0', maplength, mapalign: 4096, cookie: true, ret: '0x1000' }];
    const region = { src: { prot: 'r--', mapped: true, unchanged: true } };
    const good = checkTrace(caseOf(steps), world, trace([line(1, 'mmap-file', { regions: region }), line(2, 'dlmem', { ret: ptr('0x10'), premap: premap(13056), regions: region })]));
    expect(good.kind).toBe('PASS');
    const bad = checkTrace(caseOf(steps), world, trace([line(1, 'mmap-file', { regions: region }), line(2, 'dlmem', { ret: ptr('0x10'), premap: premap(16384), regions: region })]));
    expect(bad.divergence).toMatchObject({ step: 2, kind: 'wrong-premap' });
    expect(bad.divergence?.clauses).toContain('dlmem.premap.maplength');
    const changed = checkTrace(caseOf(steps), world, trace([line(1, 'mmap-file', { regions: region }),
      line(2, 'dlmem', { ret: ptr('0x10'), premap: premap(13056), regions: { src: { prot: 'r--', mapped: true, unchanged: false } } })]));
    expect(changed.divergence).toMatchObject({ kind: 'source-buffer-changed' });
  });

  it('says UNSUPPORTED for a case whose proposal the loader lacks', () => {
    const c = { ...caseOf([{ type: 'dlopen', as: 'h', file: 'ctor', mode: { flags: ['RTLD_NOW', 'RTLD_NORELOCATE'] } }], 'norelocate-v2'), features: ['rtld-norelocate' as const] };
    const bare = { ...hello, apis: { ...hello.apis, dlrelocate: false } };
    const v = checkTrace(c, testWorld('norelocate-v2'), { ...trace([line(1, 'dlopen', { ret: { kind: 'null' }, dlerror: 'invalid mode parameter' })]), hello: bare });
    expect(v).toMatchObject({ kind: 'UNSUPPORTED', reason: 'the loader has no RTLD_NORELOCATE (no dlrelocate())' });
    const ns = { ...caseOf([{ type: 'dlmopen', as: 'h', nsid: 'LM_ID_NEWLM', file: 'plain', mode: NOW }]), features: ['baseline' as const, 'namespaces' as const] };
    const noNs = { ...hello, apis: { ...hello.apis, dlmopen: false } };
    expect(checkTrace(ns, world, { ...trace([line(1, 'dlmopen', { unsupported: 'dlmopen' })]), hello: noNs }))
      .toMatchObject({ kind: 'UNSUPPORTED', reason: 'the loader has no namespaces (no dlmopen())' });
  });

  it('says UNSUPPORTED where the compatibility layer ignores an argument the case needs', () => {
    const steps: Call[] = [{ type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: { r: true, w: false, x: false }, shared: false },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: NOW, args: { soname: 'libx.so' } }];
    const v = checkTrace(caseOf(steps), world, trace([line(1, 'mmap-file'), line(2, 'dlmem', { ret: ptr('0x10'), compat: 'ignored: soname' })]));
    expect(v).toMatchObject({ kind: 'UNSUPPORTED', reason: 'step 2: the compatibility layer ignored: soname' });
  });

  it('gives ERROR, not a crash, for a step the model cannot run', () => {
    const v = checkTrace(caseOf([{ type: 'dlopen', as: 'h', file: 'no-such-fixture', mode: NOW }]), world, trace([line(1, 'dlopen', { ret: { kind: 'null' } })]));
    expect(v).toMatchObject({ kind: 'ERROR', reason: expect.stringMatching(/^step 1: the model cannot run this step: /) });
  });

  it('says UNSUPPORTED when the loader lacks the API, ERROR on a driver error', () => {
    const steps: Call[] = [{ type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: { r: true, w: false, x: false }, shared: false },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: NOW, args: null }];
    const v = checkTrace(caseOf(steps), world, trace([line(1, 'mmap-file'), line(2, 'dlmem', { unsupported: 'dlmem' })]));
    expect(v).toMatchObject({ kind: 'UNSUPPORTED', reason: 'step 2: dlmem' });
    expect(checkTrace(caseOf(steps), world, { ...trace([]), driverError: 'bad line' }).kind).toBe('ERROR');
    const after = { ...trace([line(1, 'mmap-file'), line(2, 'dlmem', { unsupported: 'dlmem' })]), driverError: 'unknown slot h' };
    expect(checkTrace(caseOf(steps), world, after).kind).toBe('UNSUPPORTED');
    const diverged = { ...trace([line(1, 'dlopen', { ret: { kind: 'null' }, dlerror: 'no', errno: 2 })]), driverError: 'unknown slot h' };
    expect(checkTrace(caseOf(openCall), world, diverged)).toMatchObject({ kind: 'FAIL', divergence: { step: 1 } });
  });

  it('passes an observation that both a specified and an unspecified outcome explain (noreloc.defer.deps-open)', () => {
    const w2 = testWorld('norelocate-v2');
    const steps: Call[] = [{ type: 'dlopen', as: 'h', file: 'ctor', mode: { flags: ['RTLD_NOW', 'RTLD_NORELOCATE'] } }];
    const v = checkTrace(caseOf(steps, 'norelocate-v2'), w2, trace([line(1, 'dlopen', { ret: ptr('0x10') })]));
    expect(v.kind).toBe('PASS');
    expect(v.steps[0]?.matched).toBe(2);
  });
});
