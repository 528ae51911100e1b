import { describe, expect, it } from 'vitest';
import type { Call } from '../../../model/types/calls.js';
import { testWorld } from '../../../model/testing/world.js';
import type { CaseDef } from '../../case-file/case.js';
import type { DriverObject, HelloLine, MapsLine, StepLine } from '../../protocol.js';
import { checkTrace } from '../check.js';
import { replay } from '../replay.js';
import type { ProcessEnd, Trace } from '../types.js';

const hello: HelloLine = { kind: 'hello', protocol: 2, libc: 'test', apis: { dlmem: true, dlrelocate: false, dlset_object_base: false, dlmopen: true }, pagesize: 4096 };
const world = testWorld('dlmem-v9');
const BASE = 0x7f0000000000;
const hex = (n: number): string => `0x${n.toString(16)}`;
const steps: Call[] = [
  { type: 'mmap-file', as: 'src', file: { image: 'plain' }, prot: { r: true, w: false, x: false }, shared: false },
  { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: { flags: ['RTLD_NOW'] }, args: null },
  { type: 'dlclose', handle: 'h' },
];
const caseDef = (n: number): CaseDef => ({ id: 'test/layout', description: '', clauses: ['dlmem.place.layout', 'dlmem.close.refcount'], features: ['dlmem'], profiles: ['dlmem-v9'], steps: steps.slice(0, n), file: 'x' });

function line(step: number, op: string, patch: Partial<StepLine> = {}): StepLine {
  return { kind: 'step', step, op, ret: { kind: 'none' }, events: [], premap: [], regions: {}, objects: [], gone: [], ...patch };
}
function trace(lines: StepLine[], end: ProcessEnd = { kind: 'exit', code: 0 }, lastBegin?: number, driverError?: string): Trace {
  return { hello, steps: lines, lastBegin: lastBegin ?? lines.at(-1)?.step, driverError, end, stderr: '' };
}
const map = (start: number, end: number, prot: string, path: string, offset = 0): MapsLine =>
  ({ start: hex(BASE + start), end: hex(BASE + end), prot, shared: false, offset, path });
/** The sample `plain` (r-x, r--, rw- with .bss) as a loader that maps the file's pages (zero-copy). */
const zeroCopy = [map(0, 0x2000, 'r-x', '/f/libplain.so', 0), map(0x2000, 0x3000, 'r--', '/f/libplain.so', 0x1000), map(0x3000, 0x4000, 'rw-', '/f/libplain.so', 0x2000)];
const object = (maps: MapsLine[]): DriverObject => ({ name: '', base: hex(BASE), start: hex(BASE), end: hex(BASE + 0x4000), maps });
const src = { src: { prot: 'r--', mapped: true, unchanged: true } };
const loaded = (maps: MapsLine[]): StepLine[] => [
  line(1, 'mmap-file', { regions: src }),
  line(2, 'dlmem', { ret: { kind: 'ptr', value: '0x10' }, regions: src, objects: [object(maps)] }),
];

describe('layout requirements', () => {
  it('judge a zero-copy load and record the choice dlmem.place.zero-copy leaves to the loader', () => {
    const v = checkTrace(caseDef(2), world, trace(loaded(zeroCopy)));
    expect(v.kind).toBe('PASS');
    expect(v.judged).toMatchObject({ 'dlmem.place.layout': 'PASS', 'dlmem.place.protections': 'PASS', 'dlmem.place.zero-copy': 'PASS', 'dlmem.place.file-offsets': 'PASS' });
    expect(v.choices).toContainEqual({ step: 2, clause: 'dlmem.place.zero-copy', choice: 'zero-copy' });
  });

  it('accept anonymous copies as the other choice, with no file offsets to judge', () => {
    const copy = zeroCopy.map((m) => ({ ...m, path: '', offset: 0 }));
    const v = checkTrace(caseDef(2), world, trace(loaded(copy)));
    expect(v.kind).toBe('PASS');
    expect(v.choices).toContainEqual({ step: 2, clause: 'dlmem.place.zero-copy', choice: 'copy' });
    expect(v.judged?.['dlmem.place.file-offsets']).toBeUndefined();
  });

  it('fail a wrong protection as wrong-layout naming dlmem.place.protections only, with what was seen', () => {
    const bad = [map(0, 0x2000, 'rwx', '/f/libplain.so', 0), ...zeroCopy.slice(1)];
    const v = checkTrace(caseDef(2), world, trace(loaded(bad)));
    expect(v.kind).toBe('FAIL');
    expect(v.divergence).toMatchObject({ step: 2, kind: 'wrong-layout', violated: ['dlmem.place.protections'] });
    expect(v.divergence?.detail).toMatch(/is rwx, expected r-x once relocated/);
    expect(v.judged).toMatchObject({ 'dlmem.place.protections': 'FAIL', 'dlmem.place.layout': 'PASS' });
  });

  it('judge dlmem.names.visible: the new object shows in dl_iterate_phdr, else a FAIL naming it alone', () => {
    expect(checkTrace(caseDef(2), world, trace(loaded(zeroCopy))).judged?.['dlmem.names.visible']).toBe('PASS');
    // Only an object of another size is listed (the driver's own libraries are, on every step).
    const other: DriverObject = { name: '/lib/libc.so.6', base: hex(BASE + 0x100000), start: hex(BASE + 0x100000), end: hex(BASE + 0x180000), maps: [] };
    const lines = [line(1, 'mmap-file', { regions: src }), line(2, 'dlmem', { ret: { kind: 'ptr', value: '0x10' }, regions: src, objects: [other] })];
    const v = checkTrace(caseDef(2), world, trace(lines));
    expect(v.divergence).toMatchObject({ step: 2, kind: 'wrong-layout', violated: ['dlmem.names.visible'] });
  });

  it('go on after a layout violation, so that later steps are still judged (the violation does not end the trace)', () => {
    const bad = [map(0, 0x2000, 'rwx', '/f/libplain.so', 0), ...zeroCopy.slice(1)];
    const close = line(3, 'dlclose', { ret: { kind: 'int', value: 0 }, regions: src, gone: [object([])] });
    const v = checkTrace(caseDef(3), world, trace([...loaded(bad), close]));
    expect(v).toMatchObject({ kind: 'FAIL', reachedEnd: true, divergence: { step: 2, violated: ['dlmem.place.protections'] } });
    expect(v.steps).toHaveLength(3);
    expect(v.judged?.['base.dlclose.refcount']).toBe('PASS');
  });

  it('keep every divergence: a violation the trace went on past, then the one that ended it', () => {
    const bad = [map(0, 0x2000, 'rwx', '/f/libplain.so', 0), ...zeroCopy.slice(1)];
    const close = line(3, 'dlclose', { ret: { kind: 'int', value: -1 }, dlerror: 'no', regions: src });
    const v = checkTrace(caseDef(3), world, trace([...loaded(bad), close]));
    expect(v).toMatchObject({ kind: 'FAIL', divergence: { step: 2, violated: ['dlmem.place.protections'] }, later: [{ step: 3, kind: 'error-not-value' }] });
    expect(v.reachedEnd).toBeUndefined();
    for (const c of [...(v.divergence?.violated ?? []), ...(v.later?.[0]?.violated ?? [])]) expect(v.judged?.[c]).toBe('FAIL');
  });

  it('fail file pages at the wrong offsets under dlmem.place.file-offsets, and a missing page under dlmem.place.layout', () => {
    const shifted = zeroCopy.map((m) => ({ ...m, offset: m.offset + 0x1000 }));
    expect(checkTrace(caseDef(2), world, trace(loaded(shifted))).divergence?.violated).toEqual(['dlmem.place.file-offsets']);
    const missing = zeroCopy.slice(0, 2);
    expect(checkTrace(caseDef(2), world, trace(loaded(missing))).divergence?.violated).toEqual(['dlmem.place.layout']);
  });

  it('judge an unload by what it left mapped (dlmem.close.refcount); a loader may also keep the object (base.dlclose.unload)', () => {
    const close = (gone: DriverObject[]): StepLine => line(3, 'dlclose', { ret: { kind: 'int', value: 0 }, regions: src, gone });
    const unloadedAt3 = (gone: DriverObject[]) => {
      const r = replay(caseDef(3), world, trace([...loaded(zeroCopy), close(gone)]));
      const unloading = r.steps[2]?.allowed.filter((a) => a.requirements.some((q) => q.check.kind === 'unloaded')) ?? [];
      return unloading.map((a) => a.judgements.find((j) => j.requirement.check.kind === 'unloaded'));
    };
    expect(unloadedAt3([object([])])).toEqual([expect.objectContaining({ result: 'pass' })]);
    const left = unloadedAt3([object(zeroCopy.slice(2))]);
    expect(left).toEqual([expect.objectContaining({ result: 'fail', requirement: expect.objectContaining({ clauses: ['dlmem.close.refcount'] }) })]);
    expect(left[0]?.detail).toMatch(/left mapped where object #1 was: .*rw-p/);
  });
});

describe('attribution', () => {
  it('blames a crash in dlmem on dlmem.elf.no-crash alone; the clauses of later steps are not judged', () => {
    const v = checkTrace(caseDef(3), world, trace([line(1, 'mmap-file', { regions: src })], { kind: 'signal', signal: 'SIGSEGV' }, 2));
    expect(v.divergence).toMatchObject({ step: 2, kind: 'unexpected-signal', violated: ['dlmem.elf.no-crash'] });
    expect(Object.entries(v.judged ?? {}).filter(([, j]) => j === 'FAIL').map(([c]) => c)).toEqual(['dlmem.elf.no-crash']);
    expect(v.judged?.['dlmem.close.refcount']).toBeUndefined();
  });

  it('gives ERROR, not a crash verdict, when the driver stops at a step with an error line', () => {
    const v = checkTrace(caseDef(2), world, trace([line(1, 'mmap-file', { regions: src })], { kind: 'exit', code: 2 }, 2, "step 2: no slot 'src2'"));
    expect(v).toMatchObject({ kind: 'ERROR', reason: "driver: step 2: no slot 'src2'" });
  });
});

describe('recorded choices', () => {
  it('record what a loader does with the premap mapping of an unloaded object (dlmem.close.premap-mapping)', () => {
    const withPremap: Call[] = [steps[0] as Call, { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: { flags: ['RTLD_NOW'] }, args: { premap: 'anon' } },
      { type: 'dlclose', handle: 'h' }];
    const c: CaseDef = { ...caseDef(3), steps: withPremap };
    const premap = [{ mappref: '0x0', maplength: 0x3300, mapalign: 4096, cookie: true, ret: hex(BASE) }];
    const region = (mapped: boolean) => ({ ...src, 'h.premap': { prot: mapped ? 'rw-' : null, mapped, unchanged: null } });
    const run = (mappedAfter: boolean) => checkTrace(c, world, trace([
      line(1, 'mmap-file', { regions: src }),
      line(2, 'dlmem', { ret: { kind: 'ptr', value: '0x10' }, premap, regions: region(true), objects: [object(zeroCopy.map((m) => ({ ...m, path: '', offset: 0 })))] }),
      line(3, 'dlclose', { ret: { kind: 'int', value: 0 }, regions: region(mappedAfter), gone: [object([])] }),
    ]));
    const unmapped = run(false);
    expect(unmapped.judged).toMatchObject({ 'dlmem.place.premap-base': 'PASS', 'dlmem.premap.maplength': 'PASS' });
    expect(unmapped.choices).toContainEqual({ step: 3, clause: 'dlmem.close.premap-mapping', choice: 'unmapped by the loader' });
    expect(run(true).choices).toContainEqual({ step: 3, clause: 'dlmem.close.premap-mapping', choice: 'left to the caller' });
  });
});
