import { describe, expect, it } from 'vitest';
import { parseChanges } from './changes.js';
import { isWeak, normaliseSpace, parseSource } from './sources.js';

describe('parseSource', () => {
  it('reads each of the four kinds', () => {
    expect(parseSource({ thread: 'L20-25', message: 1, quote: 'some words' })).toEqual(
      { kind: 'thread', lines: 'L20-25', range: { start: 20, end: 25 }, message: 1, quote: 'some words' });
    expect(parseSource({ branch: 'noreloc', commit: 'a0941947a6', file: 'elf/dl-open.c' })).toEqual(
      { kind: 'branch', branch: 'noreloc', commit: 'a0941947a6', file: 'elf/dl-open.c' });
    expect(parseSource({ doc: 'POSIX.1-2017', section: 'dlopen()' })).toEqual({ kind: 'doc', doc: 'POSIX.1-2017', section: 'dlopen()' });
    expect(parseSource({ 'dlspec-policy': 'because' })).toEqual({ kind: 'policy', reason: 'because' });
  });

  it('says what is wrong with a malformed source', () => {
    expect(parseSource({ thread: 'L20-25', message: 1 })).toBe('a thread source needs "quote"');
    expect(parseSource({ thread: 'L25-20', message: 1, quote: 'q' })).toMatch(/malformed thread lines "L25-20"/);
    expect(parseSource({ thread: 'L2', message: -1, quote: 'q' })).toMatch(/comment number/);
    expect(parseSource({ branch: 'main', commit: 'a0941947a6', file: 'f' })).toMatch(/unknown branch "main"/);
    expect(parseSource({ branch: 'dlmem', commit: 'HEAD', file: 'f' })).toMatch(/not abbreviated hex/);
    expect(parseSource({ doc: 'a blog', section: 's' })).toMatch(/unknown document "a blog"/);
    expect(parseSource({ doc: 'ELF gABI', section: 's', page: 3 })).toMatch(/unknown key "page"/);
    expect(parseSource({ author: 'x' })).toMatch(/needs one of/);
    expect(parseSource('L20')).toBe('a source must be a mapping');
  });

  it('counts a branch or a policy as weak, a message or a document not', () => {
    const weak = [{ branch: 'dlmem', commit: 'abcdef0', file: 'f' }, { 'dlspec-policy': 'r' }].map(parseSource);
    const strong = [{ thread: 'L1', message: 0, quote: 'q' }, { doc: 'ELF gABI', section: 's' }].map(parseSource);
    expect(weak.map((s) => typeof s !== 'string' && isWeak(s))).toEqual([true, true]);
    expect(strong.map((s) => typeof s !== 'string' && isWeak(s))).toEqual([false, false]);
  });

  it('normalises runs of whitespace for quote matching', () => {
    expect(normaliseSpace('  a\n  b\tc ')).toBe('a b c');
  });
});

describe('parseChanges', () => {
  const problems: string[] = [];
  const report = (m: string) => problems.push(m);

  it('reads a change justified by a thread message', () => {
    expect(parseChanges([{ kind: 'spec-bug', change: 'was x, now y', sources: [{ thread: 'L3', message: 0, quote: 'q' }] }], report))
      .toEqual([{ kind: 'spec-bug', change: 'was x, now y', sources: [expect.objectContaining({ kind: 'thread' })] }]);
    expect(problems).toEqual([]);
  });

  it('rejects a change a branch alone justifies, an unknown kind and a missing text', () => {
    problems.length = 0;
    parseChanges([{ kind: 'allowed-variance', change: 'c', sources: [{ branch: 'dlmem', commit: 'abcdef0', file: 'f' }] }], report);
    parseChanges([{ kind: 'loader-said-so', sources: [{ doc: 'POSIX.1-2017', section: 's' }] }], report);
    expect(problems).toEqual([
      'changes[0] must name a thread message or a document that justifies it (a branch never does)',
      'changes[0] has kind "loader-said-so"; expected spec-bug or allowed-variance',
      'changes[0] needs "change": what changed',
    ]);
  });
});
