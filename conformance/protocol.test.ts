import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driverProtocolVersion, parseDriverLine, parseDriverOutput } from './protocol.js';

const hello = '{"hello":{"protocol":2,"libc":"glibc 2.36","apis":{"dlmem":false,"dlrelocate":false,"dlset_object_base":false,"dlmopen":true},"pagesize":4096}}';
const step = '{"step":1,"op":"dlopen","ret":{"kind":"null"},"errno":22,"dlerror":"invalid mode parameter","events":[],"premap":[],"regions":{"src":{"prot":"r--","mapped":true,"unchanged":true}},"objects":[{"name":"x","base":"0x7f0000000000","start":"0x7f0000000000","end":"0x7f0000004000","maps":[]}],"gone":[]}';

describe('driverProtocolVersion', () => {
  it('matches DRIVER_PROTOCOL_VERSION in the driver', () => {
    const header = readFileSync(new URL('./driver/protocol.h', import.meta.url), 'utf8');
    expect(header).toContain(`#define DRIVER_PROTOCOL_VERSION ${driverProtocolVersion}\n`);
  });
});

describe('parseDriverOutput', () => {
  it('reads hello, begin, step and error lines', () => {
    const lines = parseDriverOutput(`${hello}\n{"begin":1,"op":"dlopen"}\n${step}\n{"step":2,"error":"unknown slot \\"h\\""}\n`);
    expect(lines.map((l) => (l.ok ? l.line.kind : l.problem))).toEqual(['hello', 'begin', 'step', 'error']);
    expect(lines[0]).toMatchObject({ ok: true, lineNo: 1, line: { kind: 'hello', protocol: 2, pagesize: 4096 } });
    expect(lines[2]).toMatchObject({ line: { kind: 'step', errno: 22, dlerror: 'invalid mode parameter', ret: { kind: 'null' } } });
    expect(lines[3]).toMatchObject({ line: { kind: 'error', step: 2, error: 'unknown slot "h"' } });
  });

  it('marks a truncated last line (a crash mid-write) and keeps the lines before it', () => {
    const lines = parseDriverOutput(`${hello}\n{"begin":1,"op":"dlmem"}\n{"step":1,"op":"dl`);
    expect(lines.slice(0, 2).every((l) => l.ok)).toBe(true);
    expect(lines[2]).toEqual({ ok: false, lineNo: 3, text: '{"step":1,"op":"dl', problem: 'not JSON', truncated: true });
  });

  it('returns a bad line in the middle as a value, not truncated', () => {
    const lines = parseDriverOutput(`${hello}\nrubbish\n{"begin":1}\n`);
    expect(lines[1]).toMatchObject({ ok: false, problem: 'not JSON', truncated: false });
    expect(lines[2]).toMatchObject({ ok: false, problem: 'begin line lacks op' });
  });
});

describe('parseDriverLine', () => {
  it('checks the step line fields', () => {
    expect(parseDriverLine('{"step":1,"op":"x","ret":{"kind":"ptr"},"events":[],"premap":[],"regions":{},"objects":[],"gone":[]}')).toBe('step line has no valid ret');
    expect(parseDriverLine('{"step":1,"op":"x","ret":{"kind":"none"},"events":[{}],"premap":[],"regions":{},"objects":[],"gone":[]}')).toBe('step line has no valid events');
    expect(parseDriverLine('{"hello":{"protocol":2}}')).toBe('hello lacks libc');
    expect(parseDriverLine('[1]')).toBe('not a JSON object');
    expect(parseDriverLine('{"x":1}')).toBe('neither hello, begin, step nor error');
  });
});
