import { describe, expect, it } from 'vitest';
import { sourcesCheck } from './sources.js';
import { THREAD_FIXTURE, fixtureRoot } from './testing.js';
import { loadContext } from './context.js';

describe('SOURCES', () => {
  it('passes on the good fixture, where every quote is in its lines', async () => {
    expect(sourcesCheck.run(await loadContext(fixtureRoot('good'), { threadPath: THREAD_FIXTURE }))).toEqual([]);
  });

  it('fails on a wrong quote, a range outside its message and a clause with no source', async () => {
    const ctx = await loadContext(fixtureRoot('bad-registry'), { threadPath: THREAD_FIXTURE });
    const messages = sourcesCheck.run(ctx).map((problem) => problem.message);
    // The fixture's clause IDs are not the registry's, so they are matched, not written out.
    expect(messages).toContainEqual(expect.stringMatching(/^clause base\.[a-z.-]+: the quote "thread line 99" is not in L26-27 of .*thread\.txt$/));
    expect(messages).toContainEqual(expect.stringMatching(/^clause base\.[a-z.-]+: L20-21 is not inside message #1 \(L25-50\); line 20 is in #0 \(alice\)$/));
    expect(messages.filter((m) => m.endsWith(': has no source (thread, branch, doc or dlspec-policy)'))).toHaveLength(3);
    expect(messages.filter((m) => m.includes('quote'))).toHaveLength(1);
  });

  it('checks quotes against the thread only when the thread is there, but message ranges always', async () => {
    const ctx = await loadContext(fixtureRoot('bad-registry'), { threadPath: 'no/such/thread.txt' });
    const messages = sourcesCheck.run(ctx).map((problem) => problem.message);
    expect(messages.some((m) => m.includes('quote'))).toBe(false);
    expect(messages.some((m) => m.includes('not inside message #1'))).toBe(true);
  });

  it('fails when the thread index does not match the thread', async () => {
    const ctx = await loadContext(fixtureRoot('good'), { threadPath: THREAD_FIXTURE });
    const stale = { ...ctx, registry: { ...ctx.registry, messages: ctx.registry.messages.slice(1) } };
    expect(sourcesCheck.run(stale).map((problem) => problem.message)).toContainEqual(
      expect.stringMatching(/the thread index does not match .*run npm run spec:gen/));
  });

  it('rejects a normative clause resting only on a branch outside that branch\'s profile', async () => {
    const ctx = await loadContext(fixtureRoot('good'), { threadPath: THREAD_FIXTURE });
    const profiles = ctx.registry.profiles.map((p) => (p.id === 'mem-b' ? { ...p, branch: undefined } : p));
    expect(sourcesCheck.run({ ...ctx, registry: { ...ctx.registry, profiles } }).map((p) => p.message)).toEqual([
      expect.stringMatching(/^clause dlmem\.[a-z.-]+: is normative and rests only on a branch, yet is in force in mem-b: what a loader does is never a source outside that branch's profile$/),
    ]);
  });
});
