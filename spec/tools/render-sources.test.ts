import { describe, expect, it } from 'vitest';
import { fixtureRoot } from '../checks/testing.js';
import { loadRegistry } from '../registry/load.js';
import { changesBlock, isWeaklySourced, nameInlineRefs, renderSource } from './render-sources.js';

const { registry } = loadRegistry(fixtureRoot('good'));
const { messages } = registry;

describe('render-sources', () => {
  it('writes a thread source by author, date, message and quote, and escapes HTML', () => {
    expect(renderSource({ kind: 'thread', lines: 'L30-32', range: { start: 30, end: 32 }, message: 1, quote: 'a <b>\n  c' }, messages))
      .toBe('bob, 2023-03-02 (#1, L30-32): “a &lt;b> c”');
    expect(renderSource({ kind: 'branch', branch: 'noreloc', commit: 'a0941947a6', file: 'elf/dl-open.c' }, messages))
      .toBe('stsp/glibc branch `noreloc` at a0941947a6, `elf/dl-open.c`');
    expect(renderSource({ kind: 'doc', doc: 'ELF gABI', section: 'Program Header' }, messages)).toBe('ELF gABI, Program Header');
    expect(renderSource({ kind: 'policy', reason: 'a crash\n is never allowed' }, messages)).toBe('dlspec policy: a crash is never allowed');
  });

  it('names the message an inline citation is in', () => {
    expect(nameInlineRefs('as thread:L30-31 and thread:L3 say; thread:L99 is past the index', messages))
      .toBe('as thread:L30-31 (#1 bob, 2023-03-02) and thread:L3 (#0 alice, 2023-03-01) say; thread:L99 is past the index');
  });

  it('finds the normative clauses resting only on a branch or a policy', () => {
    const clauses = registry.chapters.flatMap((c) => c.clauses);
    expect(clauses.filter(isWeaklySourced).map((c) => c.profiles)).toEqual([['mem-b']]);
  });

  it('writes a change with its kind and what justifies it', () => {
    const clause = { ...registry.chapters[0]!.clauses[0]!, changes: [{ kind: 'spec-bug' as const, change: 'Was wrong.', sources: [{ kind: 'doc' as const, doc: 'POSIX.1-2017' as const, section: 'dlclose()' }] }] };
    expect(changesBlock(clause, messages)).toBe('_Changed (spec-bug):_ Was wrong. — POSIX.1-2017, dlclose()');
  });
});
