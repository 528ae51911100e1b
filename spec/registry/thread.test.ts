import { describe, expect, it } from 'vitest';
import { THREAD_FIXTURE, fixtureRoot } from '../checks/testing.js';
import { loadRegistry } from './load.js';
import { checkThreadCitations, inlineThreadRefs, parseThreadRef, readThreadFile } from './thread.js';

describe('parseThreadRef', () => {
  it('reads single lines and ranges', () => {
    expect(parseThreadRef('L974')).toEqual({ start: 974, end: 974 });
    expect(parseThreadRef('L7-16')).toEqual({ start: 7, end: 16 });
  });

  it.each(['974', 'L0', 'L16-7', 'L7-', 'l7', 'L7-16 ', 'L07'])('rejects %j', (ref) => {
    expect(parseThreadRef(ref)).toBeUndefined();
  });
});

describe('inlineThreadRefs', () => {
  it('finds every thread:L citation in text', () => {
    const refs = inlineThreadRefs('as thread:L12 says, and thread:L20-25 (not L30)');
    expect(refs.map((ref) => [ref.ref, ref.range])).toEqual([
      ['thread:L12', { start: 12, end: 12 }],
      ['thread:L20-25', { start: 20, end: 25 }],
    ]);
  });
});

describe('readThreadFile', () => {
  it('counts lines, and returns undefined for a missing file', () => {
    expect(readThreadFile(THREAD_FIXTURE, 'thread.txt')).toMatchObject({ path: 'thread.txt', lineCount: 50 });
    expect(readThreadFile(`${THREAD_FIXTURE}.missing`)).toBeUndefined();
  });
});

describe('checkThreadCitations', () => {
  const thread = { path: 'thread.txt', lineCount: 50, text: '' };

  it('passes when every cited line exists', () => {
    expect(checkThreadCitations(loadRegistry(fixtureRoot('good')).registry, thread)).toEqual([]);
  });

  it('reports thread entries and inline citations past the end of the thread', () => {
    const problems = checkThreadCitations(loadRegistry(fixtureRoot('bad-registry')).registry, thread);
    expect(problems.map((problem) => [problem.file, problem.message.replace(/^.*: /, '')])).toEqual([
      ['spec/clauses/01-base.yaml', 'L60 is past the end of thread.txt (50 lines)'],
      ['spec/clauses/01-base.yaml', 'thread:L70 is past the end of thread.txt (50 lines)'],
      ['spec/profiles.yaml', 'thread:L1-999 is past the end of thread.txt (50 lines)'],
    ]);
  });

  it('reports a malformed inline citation', () => {
    const { registry } = loadRegistry(fixtureRoot('good'));
    const [chapter] = registry.chapters;
    const broken = { ...registry, chapters: [{ ...chapter!, intro: 'as in thread:L0' }] };
    expect(checkThreadCitations(broken, thread)).toEqual([
      {
        file: 'spec/clauses/01-base.yaml',
        line: undefined,
        message: 'chapter base intro: malformed citation "thread:L0"',
      },
    ]);
  });

  it('fails on the good fixture when the thread is shorter than its citations', () => {
    const short = { path: 'short.txt', lineCount: 35, text: '' };
    const problems = checkThreadCitations(loadRegistry(fixtureRoot('good')).registry, short);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/: L40-41 is past the end of short.txt/),
      expect.stringMatching(/thread:L40-41 is past the end of short.txt/),
    ]);
  });
});
