import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCase } from './case.js';
import { loadCases } from './discover.js';

const FILE = 'conformance/cases/t/bad.case.yaml';
const front = `id: t/bad
description: steps that do not fit the call schema
clauses: [base.dlsym.found]
features: [baseline]
profiles: [dlmem-v9]
`;

const root = mkdtempSync(join(tmpdir(), 'dlspec-case-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('case files', () => {
  it('report a step that does not fit the call schema with the file, the step, its call type and the key', () => {
    const result = parseCase(FILE, `${front}steps:
  - mmap-file: { as: src, file: { image: plain }, prot: r--, shared: yes }
  - dlmem: { as: h, buffer: { region: src }, size: image, args: null }
  - dlsym: { as: s, handel: h, symbol: ref1 }
`);
    expect(result).toEqual({ ok: false, file: FILE, problems: [
      `${FILE}: step 1 (mmap-file): "shared" must be a boolean, got "yes"`,
      `${FILE}: step 2 (dlmem): missing required key "mode"`,
      `${FILE}: step 3 (dlsym): unknown key "handel" (expected one of as, handle, symbol)`,
      `${FILE}: step 3 (dlsym): missing required key "handle"`,
    ] });
  });

  it('prefix every other problem with the file too, and load a well-formed case', () => {
    expect(parseCase(FILE, '[')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^conformance\/cases\/t\/bad\.case\.yaml: not YAML/)] });
    expect(parseCase(FILE, `${front}steps: {}\n`)).toMatchObject({ ok: false, problems: [`${FILE}: steps must be a list`] });
    const ok = parseCase(FILE, `${front}steps:\n  - dlopen: { as: h, file: plain, mode: [RTLD_NOW] }\n`);
    expect(ok).toMatchObject({ ok: true, case: { id: 't/bad', steps: [{ type: 'dlopen', as: 'h', file: 'plain', mode: { flags: ['RTLD_NOW'] } }] } });
  });

  it('check clause IDs against the predicate they are given', () => {
    mkdirSync(join(root, 'conformance/cases/t'), { recursive: true });
    writeFileSync(join(root, FILE), `${front.replace('base.dlsym.found', 'x.y.z')}steps: []\n`);
    expect(loadCases(root)).toMatchObject([{ ok: false, problems: [`${FILE}: clauses: "x.y.z" is not a clause ID of the registry`] }]);
    expect(loadCases(root, undefined, { isClause: (id) => id === 'x.y.z' })).toMatchObject([{ ok: true }]);
  });
});
