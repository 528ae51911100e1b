import { describe, expect, it } from 'vitest';
import { limitArgs, limitsFor } from './limits.js';
import type { RawRun } from './spawn.js';
import { toTrace } from './trace.js';
import { driverProtocolVersion } from '../protocol.js';

const HELLO = `{"hello":{"protocol":${driverProtocolVersion},"libc":"glibc 2.36","apis":{"dlmem":false,"dlrelocate":false,"dlset_object_base":false,"dlmopen":true},"pagesize":4096}}`;
const STEP1 = '{"step":1,"op":"dlopen","ret":{"kind":"ptr","value":"0x1"},"events":[],"premap":[],"regions":{},"objects":[],"gone":[]}';

function raw(stdout: string, patch: Partial<RawRun> = {}): RawRun {
  return { stdout, stderr: '', code: 0, signal: null, timedOut: false, outputCapped: false, aborted: false, ms: 1, ...patch };
}

describe('toTrace', () => {
  it('collects hello, step lines and the last begin of a clean run', () => {
    const t = toTrace(raw(`${HELLO}\n{"begin":1,"op":"dlopen"}\n${STEP1}\n`), 1000);
    expect(t.hello?.libc).toBe('glibc 2.36');
    expect(t.steps.map((s) => s.step)).toEqual([1]);
    expect(t).toMatchObject({ lastBegin: 1, driverError: undefined, end: { kind: 'exit', code: 0 } });
  });

  it('attributes a crash to the step whose begin line came last, ignoring a line cut short', () => {
    const t = toTrace(raw(`${HELLO}\n{"begin":1,"op":"dlopen"}\n${STEP1}\n{"begin":2,"op":"dlsym"}\n{"step":2,"op":`, { code: null, signal: 'SIGBUS', stderr: 'x'.repeat(10_000) }), 1000);
    expect(t).toMatchObject({ lastBegin: 2, driverError: undefined, end: { kind: 'signal', signal: 'SIGBUS' } });
    expect(t.steps).toHaveLength(1);
    expect(t.stderr.length).toBe(4000);
  });

  it('reports driver errors, malformed lines and another protocol version', () => {
    expect(toTrace(raw(`${HELLO}\n{"step":3,"error":"unknown slot \\"h\\""}\n`, { code: 2 }), 1000).driverError).toBe('step 3: unknown slot "h"');
    expect(toTrace(raw(`${HELLO}\nnot json\n`), 1000).driverError).toMatch(/^output line 2 not JSON/);
    expect(toTrace(raw(HELLO.replace(`"protocol":${driverProtocolVersion}`, '"protocol":7')), 1000).driverError).toMatch(/protocol 7/);
    expect(toTrace(raw(HELLO, { outputCapped: true, code: null, signal: 'SIGKILL' }), 1000).driverError).toMatch(/more output/);
  });

  it('says timeout when the runner killed it, whatever the signal', () => {
    expect(toTrace(raw('', { timedOut: true, code: null, signal: 'SIGKILL' }), 250).end).toEqual({ kind: 'timeout', ms: 250 });
  });
});

describe('limits', () => {
  it('gives the driver options that set the limits: CPU time is the timeout rounded up, plus a second', () => {
    const limits = limitsFor(2500, 1024, 2048);
    expect(limits.cpuSeconds).toBe(4);
    expect(limitArgs(limits)).toEqual(['--as=1024', '--cpu=4', '--fsize=2048']);
  });
});
