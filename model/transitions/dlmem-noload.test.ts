import { describe, expect, it } from 'vitest';
import type { CallOf } from '../types/calls.js';
import { dlmem } from './dlmem.js';
import { memWorld, run, withFile } from './lib/testing.js';

const v9 = memWorld('dlmem-v9');

function call(flags: CallOf<'dlmem'>['mode']['flags']): CallOf<'dlmem'> {
  return { type: 'dlmem', as: 'h', buffer: { region: 'src' }, size: 'image', mode: { flags }, args: null };
}

describe('dlmem with RTLD_NOLOAD (dlmem.names.noload)', () => {
  const start = withFile(v9, { image: 'ctor' });

  it('with nothing of that name loaded: NULL, with or without a dlerror() message (base.dlopen.noload)', () => {
    const outcomes = run(dlmem, start, call(['RTLD_NOW', 'RTLD_NOLOAD']), v9);
    expect(outcomes.map((o) => [o.ret.kind, o.error.kind])).toEqual([['null', 'any']]);
    expect(outcomes[0]?.next.objects.length).toBe(start.objects.length);
  });

  it('after a load of the same bytes: that object, or NULL with or without a message, never a new mapping', () => {
    const first = run(dlmem, start, call(['RTLD_NOW']), v9)[0];
    if (first === undefined) throw new Error('the first load has no outcome');
    const outcomes = run(dlmem, first.next, call(['RTLD_NOW', 'RTLD_NOLOAD']), v9);
    expect(outcomes.map((o) => o.ret.kind).sort()).toEqual(['handle', 'null']);
    const none = outcomes.find((o) => o.ret.kind === 'null');
    expect(none?.error.kind).toBe('any');
    expect(none?.cites).toEqual(expect.arrayContaining(['dlmem.names.noload', 'base.dlopen.noload']));
    for (const o of outcomes) expect(o.next.objects.length).toBe(first.next.objects.length);
  });
});
