import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from './catalogue.js';

const dir = new URL('.', import.meta.url).pathname;

/** The ids of the table a mutants-*.c file ends with, in its order. */
function tableIds(file: string): string[] {
  const text = readFileSync(join(dir, file), 'utf8');
  const table = text.slice(text.search(/const struct mutant_def MUTANTS_\w+\[\] = \{/));
  return [...table.matchAll(/MUTANT(?:_P)?\("([^"]+)"/g)].map((m) => m[1]!);
}

describe('the mutant catalogue', () => {
  const cFiles = readdirSync(dir).filter((f) => /^mutants-[a-z]+\.c$/.test(f)).sort();

  it('lists, for each mutants-*.c file, the ids of its table in the same order', async () => {
    expect(cFiles.length).toBeGreaterThan(3);
    for (const file of cFiles) {
      const part = file.slice('mutants-'.length, -'.c'.length);
      const mod = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'catalogue', `${part}.ts`)).href)) as Record<string, readonly { id: string }[]>;
      const listed = mod[`MUTANTS_${part.toUpperCase()}`];
      expect(listed, `catalogue/${part}.ts exports MUTANTS_${part.toUpperCase()}`).toBeDefined();
      expect(listed!.map((m) => m.id), file).toEqual(tableIds(file));
    }
  });

  it('gives every mutant a unique id and a one-sentence description', () => {
    const ids = MUTANTS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(MUTANTS.filter((m) => !/^[a-z0-9-]+$/.test(m.id) || m.does.length < 10)).toEqual([]);
  });

  it('is all of the C tables: nothing listed in C alone', () => {
    const inC = cFiles.flatMap(tableIds).sort();
    expect(MUTANTS.map((m) => m.id).sort()).toEqual(inC);
  });
});
