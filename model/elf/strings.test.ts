import { describe, expect, it } from 'vitest';
import { imageBytes } from './bytes.js';
import { stringReader } from './strings.js';

const table = new TextEncoder().encode('\0libc.so.6\0ref1\0unterminated');

describe('stringReader', () => {
  const img = imageBytes(table);
  const reader = stringReader(img, { offset: 0, size: table.length });

  it('reads NUL-terminated names, including suffixes of other names', () => {
    expect(reader.read(1, 'DT_NEEDED 0')).toEqual({ ok: true, value: 'libc.so.6' });
    expect(reader.read(6n, 'x')).toEqual({ ok: true, value: 'so.6' });
    expect(reader.read(0, 'x')).toEqual({ ok: true, value: '' });
  });

  it('rejects offsets past the table and names without a NUL', () => {
    expect(reader.read(table.length, 'DT_SONAME')).toMatchObject({ ok: false, defect: { kind: 'dynamic-out-of-range' } });
    expect(reader.read(2n ** 60n, 'x')).toMatchObject({ ok: false, defect: { kind: 'dynamic-out-of-range' } });
    const r = reader.read(16, 'symbol 3');
    expect(r).toMatchObject({ ok: false, defect: { kind: 'dynamic-out-of-range', clause: 'dlmem.elf.no-crash' } });
    expect(r.ok ? '' : r.defect.detail).toContain('symbol 3');
  });

  it('fails without a string table', () => {
    expect(stringReader(img, undefined).read(1, 'DT_NEEDED 0')).toMatchObject({ ok: false });
  });

  it('stops decoding once the names total more than the budget', () => {
    const long = new Uint8Array(100_000).fill(0x41);
    long[long.length - 1] = 0;
    const many = stringReader(imageBytes(long), { offset: 0, size: long.length });
    let last;
    for (let i = 0; i < 100 && (last = many.read(i, `symbol ${i}`)).ok; i++);
    expect(last).toMatchObject({ ok: false, defect: { kind: 'absurd-size', clause: 'dlmem.elf.no-crash' } });
  });
});
