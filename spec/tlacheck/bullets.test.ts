import { describe, expect, it } from 'vitest';
import { misalignedBullets } from './bullets.js';

describe('bullets out of line', () => {
  it('finds a bullet one column off the list on the line above, and only that', () => {
    const text = [
      'A == CASE x = 1 -> \\/ P',
      '                  \\/ Q',
      'B == /\\ p /\\ q',
      '     /\\ r',
      'C == \\/ /\\ s',
      '        /\\ t',
    ].join('\n');
    expect(misalignedBullets(text)).toEqual([{ line: 2, column: 19, listColumn: 20 }]);
  });
});
