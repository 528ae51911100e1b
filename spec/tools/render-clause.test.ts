import { describe, expect, it } from 'vitest';
import { fixtureRoot } from '../checks/testing.js';
import { loadRegistry } from '../registry/load.js';
import type { Clause } from '../registry/types.js';
import { renderClause } from './render-clause.js';

const { registry } = loadRegistry(fixtureRoot('good'));
const entries = registry.chapters.flatMap((chapter) =>
  chapter.clauses.map((clause, index) => ({ clause, chapter, position: index + 1 })),
);
const render = (pick: (clause: Clause) => boolean) => {
  const entry = entries.find(({ clause }) => pick(clause));
  if (!entry) throw new Error('the good fixture lacks the clause this test needs');
  return { ...entry, markdown: renderClause(entry.clause, entry.chapter, entry.position, registry) };
};

describe('renderClause', () => {
  it('anchors and numbers the paragraph and ends the sentence with the linked ID', () => {
    const { clause, markdown } = render((candidate) => candidate.thread.length === 1 && candidate.chapter === 'base');
    const [first, second] = markdown.split('\n');
    expect(first).toBe(`<a id="${clause.id}"></a>**1.1** ${clause.text} [\`${clause.id}\`](#${clause.id})\\`);
    expect(second).toBe('_normative_\\');
    expect(markdown.split('\n')[2]).toBe('_Sources:_ alice, 2023-03-01 (#0, L2-4): “thread line 3 thread line 4”');
  });

  it('shows profiles only when the clause narrows its chapter default', () => {
    expect(render((clause) => clause.profiles !== undefined).markdown).toMatch(/· profiles: mem-b\\$/m);
    const all = entries.map((entry) => renderClause(entry.clause, entry.chapter, entry.position, registry));
    expect(all.filter((markdown) => markdown.includes('profiles:'))).toHaveLength(1);
  });

  it('names who raised an open question and marks caller requirements and unobservable clauses', () => {
    expect(render((clause) => clause.status === 'open-question').markdown).toMatch(
      /^_open-question_ · raised by A\. Reviewer\\$/m,
    );
    expect(render((clause) => clause.callerRequirement).markdown).toMatch(/· caller requirement\\$/m);
    expect(render((clause) => !clause.observable).markdown).toMatch(/· not observable\\$/m);
  });

  it('puts the note in italics after the paragraph', () => {
    const { markdown } = render((clause) => clause.note !== undefined);
    expect(markdown).toMatch(/\n\n_Note: Callers may pass read-only memory\._$/);
  });
});
