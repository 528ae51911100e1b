import { describe, expect, it } from 'vitest';
import { italicParagraphs, table, tableCell } from './markdown.js';

describe('markdown helpers', () => {
  it('escapes table cells', () => {
    expect(tableCell('a | b\n  c')).toBe('a \\| b c');
  });

  it('builds a table with right-aligned columns', () => {
    expect(table(['A', 'N'], [['x', '1']], [1])).toBe('| A | N |\n| --- | ---: |\n| x | 1 |');
  });

  it('italicises each paragraph, leading the first', () => {
    expect(italicParagraphs('one\n\n two ', 'Note: ')).toBe('_Note: one_\n\n_two_');
  });

});
