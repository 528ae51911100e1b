import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SOURCE_DIR } from './fixtures.js';
import { parseManifest } from './manifest.js';

describe('the fixture manifest', () => {
  const manifest = parseManifest(readFileSync(join(FIXTURE_SOURCE_DIR, 'fixtures.yaml'), 'utf8'));

  it('is valid and lists every fixture the harness needs', () => {
    if (!manifest.ok) throw new Error(manifest.problems.join('\n'));
    expect(manifest.fixtures.map((f) => f.name)).toEqual([
      'plain', 'ctor', 'chain-c', 'chain-b', 'chain-a', 'bigbss', 'tls', 'undef-func', 'undef-data', 'align64k',
      'sysv-hash', 'noversion', 'container-512', 'container-4096', 'truncated-header', 'truncated-phdrs',
      'truncated-load', 'bad-magic', 'wrong-class', 'wrong-machine', 'no-load', 'junk',
      'not-dyn', 'no-dynamic', 'exec-stack', 'load-misaligned', 'absurd-size', 'missing-dep',
    ]);
  });

  it('carries the facts the model needs', () => {
    if (!manifest.ok) return;
    const byName = new Map(manifest.fixtures.map((f) => [f.name, f]));
    expect(byName.get('plain')?.facts).toEqual({ functions: { ref1: 42 }, data: { bar: 35 }, reportsCtor: false, reportsDtor: false, shows: {} });
    expect(byName.get('ctor')).toMatchObject({ links: ['plain'], facts: { functions: { cref1: 34 }, reportsCtor: true, reportsDtor: true } });
    expect(byName.get('chain-a')).toMatchObject({ links: ['chain-b'] });
    expect(byName.get('container-512')).toMatchObject({ generator: 'container', from: 'plain', offset: 512 });
    expect(byName.get('missing-dep')).toMatchObject({ generator: 'missing-dep', from: 'ctor', needed: 'libdlspec-absnt.so' });
  });
});

describe('parseManifest problems', () => {
  const problems = (text: string): readonly string[] => {
    const r = parseManifest(text);
    return r.ok ? [] : r.problems;
  };

  it('rejects text that is not a version-1 manifest', () => {
    expect(problems(': : :\n  - [')).toEqual([expect.stringMatching(/^not YAML/)]);
    expect(problems('version: 2\n')).toEqual(['needs version: 1']);
  });

  it('rejects bad entries', () => {
    const text = [
      'version: 1', 'compiled:',
      '  - { name: a, file: libdlspec-a.so, sources: [a.c], links: [b] }',
      '  - { name: b, file: libdlspec-b.so, sources: [] }',
      'generated:',
      '  - { name: g, file: libdlspec-g.so, kind: sideways, from: a }',
      '  - { name: c, file: libdlspec-c.so, kind: container, from: a, offset: 3 }',
      '  - { name: j, file: libdlspec-j.so, kind: junk }',
      '  - { name: m, file: libdlspec-m.so, kind: missing-dep, from: a }',
      '  - { name: n, file: libdlspec-n.so, kind: missing-dep, from: a, needed: libdlspec-a.so }',
    ].join('\n');
    expect(problems(text)).toEqual([
      'b: sources must be a non-empty list',
      'g: unknown kind sideways',
      'c: needs an offset of at least 64',
      'j: needs a positive length',
      'm: needs a needed name',
      'a: b is not a compiled fixture listed before it',
      'n: a fixture has the file libdlspec-a.so, so it is not missing',
    ]);
  });
});
