import { describe, expect, it } from 'vitest';
import { valueOf } from './testing.js';

describe('the evaluator', () => {
  it('computes with integers, sets and their operators', async () => {
    expect(await valueOf('{1, 2} \\cup {3} \\ {2}')).toBe('{1, 3}');
    expect(await valueOf('<<7 \\div 2, -7 % 3, 2 * 3 - 1, 1..3>>')).toBe('<<3, 2, 5, {1, 2, 3}>>');
    expect(await valueOf('<<{x \\in 1..5 : x % 2 = 0}, {x * x : x \\in 1..3}, Cardinality(SUBSET {1, 2})>>')).toBe('<<{2, 4}, {1, 4, 9}, 4>>');
    expect(await valueOf('<<UNION {{1}, {2, 3}}, {1} \\subseteq {1, 2}, 3 \\notin {1}, {1, 2} \\cap {2, 3}>>')).toBe('<<{1, 2, 3}, TRUE, TRUE, {2}>>');
  });

  it('builds and updates functions, records and sequences', async () => {
    expect(await valueOf('[x \\in {1, 2} |-> x + 1]')).toBe('<<2, 3>>');
    expect(await valueOf('[r EXCEPT !.a = @ + 1, !.b[2] = "z"]', 'r == [a |-> 1, b |-> <<"x", "y">>]')).toBe('[a |-> 2, b |-> <<"x", "z">>]');
    expect(await valueOf('<<Append(<<1>>, 2) \\o <<3>>, Head(<<4, 5>>), Tail(<<4, 5>>), Len(<<>>), SubSeq(<<1, 2, 3>>, 2, 3)>>'))
      .toBe('<<<<1, 2, 3>>, 4, <<5>>, 0, <<2, 3>>>>');
    expect(await valueOf('<<DOMAIN [a |-> 1], [a : {1, 2}], [{1} -> {"p", "q"}], <<1, 2>> = [i \\in 1..2 |-> i]>>'))
      .toBe('<<{"a"}, {[a |-> 1], [a |-> 2]}, {<<"p">>, <<"q">>}, TRUE>>');
    expect(await valueOf('[x \\in {"a"} |-> 1] = [a |-> 1] /\\ <<>> = [x \\in {} |-> 0]')).toBe('TRUE');
  });

  it('evaluates quantifiers, CHOOSE, LET, IF, CASE and recursive operators', async () => {
    expect(await valueOf('<<\\A x \\in 1..3 : x > 0, \\E x, y \\in 1..3 : x + y = 6, \\E <<a, b>> \\in {<<1, 2>>} : a < b>>')).toBe('<<TRUE, TRUE, TRUE>>');
    expect(await valueOf('CHOOSE x \\in 1..9 : x * x > 10')).toBe('4');
    expect(await valueOf('LET sq(n) == n * n  two == 2 IN IF sq(two) = 4 THEN CASE two = 1 -> "a" [] OTHER -> "b" ELSE "c"')).toBe('"b"');
    expect(await valueOf('Fact(5)', 'RECURSIVE Fact(_)\nFact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)')).toBe('120');
    expect(await valueOf('f[2]', 'f[x \\in 1..3] == x * 10')).toBe('20');
  });

  it('reads constants and refuses what it cannot evaluate, naming the construct and its line', async () => {
    expect(await valueOf('N + 1', 'CONSTANT N', { N: 4 })).toBe('5');
    await expect(valueOf('[]TRUE')).rejects.toThrow(/unsupported construct: the prefix operator always/);
    await expect(valueOf('\\E x \\in Nat : x > 2')).rejects.toThrow(/infinite set Nat, which cannot be enumerated/);
    await expect(valueOf('CHOOSE x \\in {1} : x > 2')).rejects.toThrow(/CHOOSE found no value/);
    await expect(valueOf('<<1>>[2]')).rejects.toThrow(/2 is not in the domain of <<1>>/);
    await expect(valueOf('1 + "a"')).rejects.toThrow(/the right of \+ must be an integer/);
    await expect(valueOf('Unknown(1)')).rejects.toThrow(/unknown operator Unknown/);
    await expect(valueOf('g[1]', 'g[x \\in 1..3] == IF x = 1 THEN 1 ELSE g[x - 1]')).rejects.toThrow(/the recursive function definition g/);
    const e = await valueOf('x \\X y', 'x == {1}\ny == {2}').catch((err: Error & { line?: number }) => err);
    expect(e).toMatchObject({ message: 'unsupported construct: the infix operator \\X', line: 5 });
  });
});
