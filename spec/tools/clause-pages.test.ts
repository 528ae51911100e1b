import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContext } from '../checks/context.js';
import { THREAD_FIXTURE, copyFixture, removeFixtureCopies } from '../checks/testing.js';
import { clausesOf } from '../registry/types.js';
import { CLAUSE_INDEX_TITLE } from './clause-page.js';
import { CLAUSE_PAGES_DIR, writeClausePages } from './clause-pages.js';

afterAll(removeFixtureCopies);

describe('writeClausePages', async () => {
  const ctx = await loadContext(copyFixture('good'), { threadPath: THREAD_FIXTURE });
  const count = writeClausePages(ctx);
  const dir = join(ctx.root, CLAUSE_PAGES_DIR);
  const page = (id: string) => readFileSync(join(dir, `${id}.md`), 'utf8');
  const clauses = clausesOf(ctx.registry);

  it('writes one page per clause and an index linking each', () => {
    expect(count).toBe(clauses.length);
    expect(readdirSync(dir).sort()).toEqual([...clauses.map((clause) => `${clause.id}.md`), 'index.md'].sort());
    const index = readFileSync(join(dir, 'index.md'), 'utf8');
    for (const clause of clauses) expect(index).toContain(`[\`${clause.id}\`](${clause.id}.md)`);
  });

  it('makes every clause page a child of the index, in registry order, for the documentation to group them', () => {
    const index = readFileSync(join(dir, 'index.md'), 'utf8');
    const children = clauses.map((clause) => `  - ${clause.id}.md`).join('\n');
    expect(index.startsWith(`---\ntitle: ${CLAUSE_INDEX_TITLE}\nchildren:\n${children}\n---\n\n# ${CLAUSE_INDEX_TITLE}\n`)).toBe(true);
  });

  it('gives each page a title, the text, the facts and the note', () => {
    const clause = clauses.find((candidate) => candidate.note !== undefined)!;
    const markdown = page(clause.id);
    expect(markdown.startsWith(`---\ntitle: ${clause.id}\n---\n\n# ${clause.id}\n\n${clause.text}\n`)).toBe(true);
    expect(markdown).toContain('## Sources\n\n- alice, 2023-03-01 (#0, L6): “thread line 6”\n- alice, 2023-03-01 (#0, L8-9): “line 8 thread line”');
    expect(markdown).toContain('| Profiles | mem-a, mem-b |');
    expect(markdown).toContain('_Note: Callers may pass read-only memory._');
  });

  it('lists what cites the clause: TLA+ tags and file citations', () => {
    const tagged = clauses.find((candidate) => candidate.note !== undefined)!;
    expect(page(tagged.id)).toContain(
      '## Cited by\n\n- TLA+ action `Open` (`spec/tla/Good.tla:14`)\n- `conformance/cases/covered.txt:2`\n- `model/model.ts:1`\n- `spec/tla/Good.tla:12`\n',
    );
    const uncited = clauses.find((candidate) => candidate.status === 'unspecified')!;
    expect(page(uncited.id)).toContain('## Cited by\n\nNothing cites this clause yet.\n');
  });
});
