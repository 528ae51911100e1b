import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../testing.js';
import { citationsIn } from './citations.js';

/** The cases of fixtures/citations.txt: expected IDs and the text to search. */
const cases = readFileSync(join(FIXTURES_DIR, 'citations.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const bar = line.indexOf(' | ');
    const expected = line.slice(0, bar);
    return { expected: expected === '-' ? [] : expected.split(','), text: line.slice(bar + 3) };
  });

describe('citationsIn', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases)('finds $expected in "$text"', ({ expected, text }) => {
    expect(citationsIn('x.md', text).map((citation) => citation.id)).toEqual(expected);
  });

  it('reports the file and the 1-based line', () => {
    const text = cases.map((testCase) => testCase.text).join('\n');
    const found = citationsIn('notes.md', text);
    expect(found[0]).toMatchObject({ file: 'notes.md', line: 1 });
    expect(found.at(-1)?.line).toBe(5);
  });
});
