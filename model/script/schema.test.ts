import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CallOf, DlmemFlag, ModeFlag } from '../types/calls.js';
import { formatScriptProblem, parseScript, parseSteps } from './parse.js';
import { MODE_FLAGS, SCHEMA } from './schema.js';
import { type FieldsOf, int, nullable, oneOf, opt, req, type Shape, str } from './shape.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The problems of a one-step script, as the lines `parseSteps` users print. */
function problemsOf(step: unknown): string[] {
  const parsed = parseSteps([{ dlopen: { file: 'plain', mode: ['RTLD_NOW'] } }, step]);
  return parsed.ok ? [] : parsed.problems.map(formatScriptProblem);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).sort().flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return yamlFiles(rel);
    return name.endsWith('.yaml') ? [rel] : [];
  });
}

describe('the call schema', () => {
  it('refuses an unknown key, naming the step, its call type and the keys it takes', () => {
    expect(problemsOf({ dlsym: { as: 's', handle: 'h', symbol: 'ref1', handel: 'h' } })).toEqual([
      'step 2 (dlsym): unknown key "handel" (expected one of as, handle, symbol)',
    ]);
    expect(problemsOf({ dlerror: { handle: 'h' } })).toEqual(['step 2 (dlerror): unknown key "handle" (it takes no keys)']);
    expect(problemsOf({ dlsym: { as: 's', handle: 'h', symbol: 'ref1', type: 'dlopen' } })).toEqual([
      'step 2 (dlsym): unknown key "type" (expected one of as, handle, symbol)',
    ]);
  });

  it('refuses a missing required key', () => {
    expect(problemsOf({ dlmem: { buffer: { region: 'src' }, size: 'image', args: null } })).toEqual([
      'step 2 (dlmem): missing required key "mode"',
    ]);
    expect(parseSteps([{ dlsym: null }])).toMatchObject({ ok: false, problems: [
      { step: 1, call: 'dlsym', key: 'handle', message: 'missing required key "handle"' },
      { step: 1, call: 'dlsym', key: 'symbol', message: 'missing required key "symbol"' },
    ] });
  });

  it('refuses a value of the wrong type', () => {
    expect(problemsOf({ 'mmap-file': { as: 'src', file: { image: 'plain' }, prot: 'r--', shared: 'yes' } })).toEqual([
      'step 2 (mmap-file): "shared" must be a boolean, got "yes"',
    ]);
    expect(problemsOf({ dlsym: { handle: 'h', symbol: 7 } })).toEqual(['step 2 (dlsym): "symbol" must be a string, got 7']);
    expect(problemsOf({ memmove: { region: 'r', shift: 1.5 } })).toEqual(['step 2 (memmove): "shift" must be an integer, got 1.5']);
    expect(problemsOf({ mprotect: { region: 'r', prot: 'rwx-' } })).toEqual([
      'step 2 (mprotect): "prot" must be a protection like "rw-" or { r, w, x }, got "rwx-"',
    ]);
    expect(problemsOf({ 'mmap-anon': { as: 'a', length: 'all', prot: 'rw-', shared: false } })).toEqual([
      'step 2 (mmap-anon): "length" must be an integer or one of image, extent, got "all"',
    ]);
    expect(problemsOf({ dlmopen: { nsid: 'LM_ID_OTHER', file: 'plain', mode: ['RTLD_NOW'] } })).toEqual([
      'step 2 (dlmopen): "nsid" must be one of LM_ID_BASE, LM_ID_NEWLM or { var } or { raw }, got "LM_ID_OTHER"',
    ]);
  });

  it('refuses a flag name outside ModeFlag or DlmemFlag', () => {
    expect(problemsOf({ dlopen: { file: 'plain', mode: ['RTLD_NOW', 'RTLD_NOWW'] } })).toEqual([
      `step 2 (dlopen): "mode[1]" must be one of ${MODE_FLAGS.join(', ')}, got "RTLD_NOWW"`,
    ]);
    expect(problemsOf({ dlopen: { file: 'plain', mode: { flags: ['RTLD_LAZY', 'NOW'], extraBits: 4 } } })).toEqual([
      `step 2 (dlopen): "mode.flags[1]" must be one of ${MODE_FLAGS.join(', ')}, got "NOW"`,
    ]);
    expect(problemsOf({ dlopen: { file: 'plain', mode: 'RTLD_NOW' } })).toEqual([
      'step 2 (dlopen): "mode" must be a list of RTLD_* flags or { flags, extraBits? }, got "RTLD_NOW"',
    ]);
    expect(problemsOf({ dlmem: { buffer: null, size: 0, mode: [], args: { flags: ['DLMEM_DONTREPLAC'] } } })).toEqual([
      'step 2 (dlmem): "args.flags[0]" must be one of DLMEM_DONTREPLACE, DLMEM_GENBUF_SRC, got "DLMEM_DONTREPLAC"',
    ]);
  });

  it('names a key inside args, a content or an address by its path', () => {
    expect(problemsOf({ dlmem: { buffer: { region: 'src' }, size: 'image', mode: ['RTLD_NOW'], args: { premapp: 'anon' } } })).toEqual([
      'step 2 (dlmem): unknown key "args.premapp" (expected one of soname, nsid, flags, extraFlagBits, premap)',
    ]);
    expect(problemsOf({ dlmem: { buffer: { region: 'src' }, size: 'image', mode: ['RTLD_NOW'], args: { premap: null } } })).toEqual([
      expect.stringMatching(/^step 2 \(dlmem\): "args.premap" must be one of anon, .* \(quote "null" for the premap that returns NULL\), got null$/),
    ]);
    expect(problemsOf({ 'mmap-file': { as: 'f', file: { container: 'plain' }, prot: 'r--', shared: false } })).toEqual([
      'step 2 (mmap-file): missing required key "file.at"',
    ]);
    expect(problemsOf({ malloc: { as: 'm', content: { imag: 'plain' } } })).toEqual([
      'step 2 (malloc): "content" must be { image } or { container, at } or { junk }, got {"imag":"plain"}',
    ]);
    expect(problemsOf({ dladdr: { address: { region: 'r', ofset: 8 } } })).toEqual([
      'step 2 (dladdr): unknown key "address.ofset" (expected one of region, offset)',
    ]);
  });

  it('turns the YAML forms into the model\'s values', () => {
    const parsed = parseScript(`
- mmap-file: { as: src, file: { container: plain, at: 4096 }, prot: r-x, shared: false }
- dlmem: { as: h, buffer: { region: src }, size: region, mode: [RTLD_NOW], args: { nsid: { var: ns }, premap: "null" } }
- dlopen: { file: null, mode: { flags: [RTLD_LAZY], extraBits: 8 } }
- dlinfo: { handle: h, request: 12 }
- dlerror:
`);
    expect(parsed).toEqual({ ok: true, calls: [
      { type: 'mmap-file', as: 'src', file: { container: 'plain', at: 4096 }, prot: { r: true, w: false, x: true }, shared: false },
      { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'region', mode: { flags: ['RTLD_NOW'] }, args: { nsid: { var: 'ns' }, premap: 'null' } },
      { type: 'dlopen', file: null, mode: { flags: ['RTLD_LAZY'], extraBits: 8 } },
      { type: 'dlinfo', handle: 'h', request: 12 },
      { type: 'dlerror' },
    ] });
  });

  it('accepts every step of every case under conformance/cases and every script under model/examples', () => {
    const files = [...yamlFiles('conformance/cases'), ...yamlFiles('model/examples')];
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((file) => {
      const data = parse(readFileSync(join(ROOT, file), 'utf8')) as unknown;
      const steps = Array.isArray(data) ? data : (data as { steps?: unknown }).steps;
      const parsed = parseSteps(steps);
      return parsed.ok ? [] : parsed.problems.map((p) => `${file}: ${formatScriptProblem(p)}`);
    });
    expect(problems).toEqual([]);
  });

  it('is tied to the Call types by the compiler', () => {
    // Each line below must fail to compile: `npm run typecheck` checks these expectations.
    // @ts-expect-error a call variant's key left out
    const missing: FieldsOf<CallOf<'dlsym'>> = { as: opt(str), handle: req(str) };
    // @ts-expect-error a key the call variant does not have
    const extra: FieldsOf<CallOf<'dlsym'>> = { as: opt(str), handle: req(str), symbol: req(str), handel: req(str) };
    // @ts-expect-error an optional key made required
    const required: FieldsOf<CallOf<'dlsym'>> = { as: req(str), handle: req(str), symbol: req(str) };
    // @ts-expect-error a value narrower than the type (dlopen's file may be null)
    const narrow: FieldsOf<CallOf<'dlopen'>> = { as: opt(str), file: req(str), mode: SCHEMA.dlopen.mode };
    // @ts-expect-error a value of another type
    const wide: FieldsOf<CallOf<'write-data'>> = { symbol: req(str), value: req(nullable(int)) };
    // @ts-expect-error a name list that misses a ModeFlag
    const someFlags: Shape<ModeFlag> = oneOf(['RTLD_NOW', 'RTLD_LAZY']);
    // @ts-expect-error a name list with a name outside DlmemFlag
    const moreFlags: Shape<DlmemFlag> = oneOf(['DLMEM_DONTREPLACE', 'DLMEM_GENBUF_SRC', 'DLMEM_OTHER']);
    expect([missing, extra, required, narrow, wide, someFlags, moreFlags]).toHaveLength(7);
  });
});
