import { describe, expect, it } from 'vitest';
import { encodeValue } from './values.js';

describe('encodeValue', () => {
  it('encodes % and the ASCII whitespace the driver splits on as two hex digits, and keeps everything else', () => {
    expect(encodeValue('a b\tc\nd\re%f')).toBe('a%20b%09c%0Ad%0De%25f');
    // Other whitespace is no separator to the driver: it stays as it is (its UTF-8 bytes), never
    // as an escape of more than two digits that the driver would read wrongly.
    expect(encodeValue('x\u00a0y\u2028z')).toBe('x\u00a0y\u2028z');
  });
});
