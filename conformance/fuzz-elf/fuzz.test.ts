import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PT_LOAD, readHeader, readPhdrs } from '../build/elf64.js';
import type { FixtureSet } from '../build/index.js';
import { HOST_LIB_DIR } from '../loaders/host.js';
import { checkWithModel } from '../loaders/model.js';
import { systemLibraries } from '../loaders/system.js';
import { buildHarness } from '../runner/harness.js';
import { worldFromFixtures } from '../world.js';
import { FUZZ_SOURCES, generateMutation } from './generate.js';
import { fuzzCase, imageFacts, worldWithImage } from './image-case.js';
import { applyMutation, describeMutation, type Mutation } from './mutation.js';
import { classify, countResults } from './results.js';
import { writeFuzzRepro } from './repro.js';
import { runElfFuzz } from './run.js';

const REPO = join(import.meta.dirname, '..', '..');
const images = mkdtempSync(join(tmpdir(), 'dlspec-fuzz-'));
let fixtures: FixtureSet;
let sources: Map<string, Uint8Array>;

beforeAll(async () => {
  const built = await buildHarness('cc');
  if ('problem' in built) throw new Error(built.problem);
  fixtures = built.fixtures;
  sources = new Map(fixtures.fixtures.filter((f) => f.kind === 'compiled').map((f) => [f.name, new Uint8Array(readFileSync(f.path))]));
}, 120_000);

afterAll(() => rmSync(images, { recursive: true, force: true }));

describe('the mutation generator', () => {
  it('draws image i of a seed the same way every time, and other images otherwise', () => {
    const a = generateMutation('s', 7, sources);
    expect(generateMutation('s', 7, sources)).toEqual(a);
    expect(FUZZ_SOURCES).toContain(a.from);
    const texts = new Set(Array.from({ length: 50 }, (_, i) => describeMutation(generateMutation('s', i, sources))));
    expect(texts.size).toBeGreaterThan(45);
  });

  it('applies a mutation without touching its source, and names each edit', () => {
    const plain = sources.get('plain') as Uint8Array;
    const before = plain.slice();
    const m: Mutation = { from: 'plain', edits: [{ op: 'phdr', index: 0, field: 'p_memsz', value: '0x4000000000000000' }, { op: 'truncate', length: 100 }] };
    const out = applyMutation(plain, m);
    expect(plain).toEqual(before);
    expect(out.length).toBe(100);
    expect(describeMutation(m)).toBe('plain: phdr[0].p_memsz=0x4000000000000000; truncate 100');
  });
});

describe('the model on a fixed-seed sample of mutated images', () => {
  it('classifies every image by clause and runs every case without an error', () => {
    const world = worldFromFixtures(fixtures, 'dlmem-branch', systemLibraries(fixtures, [HOST_LIB_DIR]));
    const classes = new Map<string, number>();
    for (let i = 0; i < 1500; i++) {
      const m = generateMutation('npm-test', i, sources);
      const bytes = applyMutation(sources.get(m.from) as Uint8Array, m);
      const facts = imageFacts({ bytes, path: '/nonexistent', file: `fuzz-${i}.so` });
      const c = classify(facts);
      classes.set(c.clause ?? 'well-formed', (classes.get(c.clause ?? 'well-formed') ?? 0) + 1);
      const verdict = checkWithModel(fuzzCase('npm-test', i, 'dlmem-branch', describeMutation(m)), worldWithImage(world, facts));
      expect(verdict.kind, `${describeMutation(m)}: ${verdict.reason ?? ''}`).toBe('PASS');
    }
    // The sample reaches the reader's classes: truncations, ranges, overlaps, header fields, dynamic tables.
    for (const clause of ['well-formed', 'dlmem.elf.truncated', 'dlmem.elf.load-past-size', 'dlmem.elf.load-overlap', 'dlmem.elf.absurd-size',
      'dlmem.elf.wrong-class', 'dlmem.elf.no-crash', 'dlmem.elf.dlopen-equivalence', 'dlmem.elf.load-misaligned']) {
      expect(classes.get(clause) ?? 0, clause).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('fuzz-elf on the host glibc', () => {
  it('gives every image a verdict on the model and on host-glibc+memfd, and no ERROR', async () => {
    const outcome = await runElfFuzz({ root: REPO, seed: 'npm-test', runs: 30, imageDir: images, timeoutMs: 5000 });
    expect(outcome.loaders).toEqual(['model', 'host-glibc+memfd']);
    expect(outcome.images).toHaveLength(30);
    for (const image of outcome.images) expect(image.results.map((r) => r.loader)).toEqual(['model', 'host-glibc+memfd']);
    const counts = countResults(outcome.images);
    expect(counts.byVerdict['model']).toEqual({ PASS: 30 });
    expect(counts.byVerdict['host-glibc+memfd']?.ERROR).toBeUndefined();
  }, 60_000);

  it('turns a loader crash on a malformed image into a FAIL naming dlmem.elf.no-crash, and runs the next image', async () => {
    // plain cut in the middle of its last PT_LOAD's file range: the memfd layer's dlopen maps pages
    // past the end of the file, and touching them raises SIGBUS.
    const plain = sources.get('plain') as Uint8Array;
    const header = readHeader(plain);
    if (typeof header === 'string') throw new Error(header);
    const last = readPhdrs(plain, header).filter((p) => p.type === PT_LOAD && p.filesz > 1).at(-1);
    if (last === undefined) throw new Error('plain has no PT_LOAD with file bytes');
    const cut: Mutation = { from: 'plain', edits: [{ op: 'truncate', length: last.offset + Math.floor(last.filesz / 2) }] };
    const outcome = await runElfFuzz({ root: REPO, seed: 'crash', runs: 2, mutations: [cut, { from: 'plain', edits: [] }], imageDir: images, keep: true });
    const [crashed, intact] = outcome.images;
    expect(crashed?.classification.clause).toBe('dlmem.elf.load-past-size');
    const glibc = crashed?.results.find((r) => r.loader === 'host-glibc+memfd');
    expect(glibc).toMatchObject({ verdict: 'FAIL', divergence: { step: 2, kind: 'unexpected-signal', violated: ['dlmem.elf.no-crash'] } });
    expect(glibc?.divergence?.observed).toContain('SIGBUS');
    expect(intact?.results.map((r) => r.verdict)).toEqual(['PASS', 'PASS']);
    // The repro of the crash: the standalone program loads the very file the run loaded.
    const written = writeFuzzRepro(outcome, join(images, 'crash.c'));
    if ('error' in written) throw new Error(written.error);
    expect(written.entry.verdict).toBe('FAIL');
    expect(written.source).toContain(images);
    expect(written.expectations.join(' ')).toContain('SIGBUS');
  }, 60_000);
});
