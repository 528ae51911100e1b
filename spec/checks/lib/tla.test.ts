import { describe, expect, it } from 'vitest';
import { firstSyntaxError, tlaParser } from './tla.js';

const parse = async (source: string) => (await tlaParser()).parse(source);

describe('firstSyntaxError', () => {
  it('finds nothing in a module that parses', async () => {
    expect(firstSyntaxError(await parse('---- MODULE A ----\nX == 1\n====\n'))).toBeUndefined();
  });

  it('reports a token the parser had to invent', async () => {
    const error = firstSyntaxError(await parse('---- MODULE A ----\nX == [ a |-> ]\nY == 2\n====\n'));
    expect(error).toEqual({ line: 2, column: 13, what: 'missing identifier_ref' });
  });

  it('reports an unparsable stretch', async () => {
    const error = firstSyntaxError(await parse('---- MODULE A ----\nX == 1\nY == ) (\n====\n'));
    expect(error?.what).toMatch(/^cannot parse /);
  });
});
