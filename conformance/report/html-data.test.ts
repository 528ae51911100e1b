import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAUSE_DOCS_DIR, clauseDocFile } from '../../spec/tools/clause-page.js';
import { DOCS_BASE, DOCS_DIR, loadHtmlSpec } from './html-data.js';

const root = mkdtempSync(join(tmpdir(), 'dlspec-html-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadHtmlSpec', () => {
  it('links a clause to its page only when typedoc wrote that page', () => {
    expect(loadHtmlSpec(root).spec['base.dlsym.found']?.docs).toBeUndefined();
    mkdirSync(join(root, DOCS_DIR, CLAUSE_DOCS_DIR), { recursive: true });
    writeFileSync(join(root, DOCS_DIR, CLAUSE_DOCS_DIR, clauseDocFile('base.dlsym.found')), '<html></html>');
    const { spec, problems } = loadHtmlSpec(root);
    expect(spec['base.dlsym.found']).toMatchObject({ status: 'normative', docs: true });
    expect(spec['base.call.returns']?.docs).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0); // no registry here: the statuses alone
    expect(DOCS_BASE + 'base.dlsym.found.html').toBe(`docs/${CLAUSE_DOCS_DIR}/${clauseDocFile('base.dlsym.found')}`);
  });

  it('takes the texts from the registry and finds the pages `npm run docs` writes', () => {
    const here = loadHtmlSpec(process.cwd(), join(root, DOCS_DIR));
    expect(here.problems).toEqual([]);
    expect(here.spec['base.dlsym.found']).toMatchObject({ docs: true });
    expect(here.spec['base.dlsym.found']?.text).not.toBe('');
  });
});
