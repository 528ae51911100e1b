import { describe, expect, it } from 'vitest';
import { mergeMaps } from './merge.js';
import { isFileBacked, parseProcMaps } from './proc-maps.js';

const SAMPLE = `7f3a1c000000-7f3a1c001000 r--p 00000000 08:01 1234                       /usr/lib/x86_64-linux-gnu/libfoo.so.1
7f3a1c001000-7f3a1c002000 r-xp 00001000 08:01 1234                       /usr/lib/x86_64-linux-gnu/libfoo.so.1
7f3a1c002000-7f3a1c004000 rw-p 00000000 00:00 0 
7f3a1c004000-7f3a1c005000 rw-s 00000000 00:01 77                         /memfd:dlspec (deleted)
7f3a1c005000-7f3a1c006000 r--p 00000000 08:01 99                         /tmp/dir with space/x.so
55d0c0000000-55d0c0021000 rw-p 00000000 00:00 0                          [heap]
ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
this is not a maps line
7f3a1c009000-7f3a1c008000 r--p 00000000 08:01 1 /x
`;

describe('parseProcMaps', () => {
  const parsed = parseProcMaps(SAMPLE);

  it('reads every well-formed line', () => {
    expect(parsed.lines).toHaveLength(7);
    expect(parsed.lines[0]).toEqual({
      start: 0x7f3a1c000000, end: 0x7f3a1c001000, prot: { r: true, w: false, x: false }, shared: false, offset: 0,
      dev: '08:01', inode: 1234, path: '/usr/lib/x86_64-linux-gnu/libfoo.so.1', deleted: false,
    });
    expect(parsed.lines[1]).toMatchObject({ offset: 0x1000, prot: { r: true, w: false, x: true } });
  });

  it('names anonymous memory, memfds, pseudo-files and paths with spaces', () => {
    expect(parsed.lines.map((l) => [l.path, l.shared, l.deleted, isFileBacked(l)])).toEqual([
      ['/usr/lib/x86_64-linux-gnu/libfoo.so.1', false, false, true],
      ['/usr/lib/x86_64-linux-gnu/libfoo.so.1', false, false, true],
      ['anon', false, false, false],
      ['memfd:dlspec', true, true, true],
      ['/tmp/dir with space/x.so', false, false, true],
      ['[heap]', false, false, false],
      ['[vsyscall]', false, false, false],
    ]);
  });

  it('parses the vsyscall page exactly', () => {
    expect(parsed.lines[6]?.start).toBe(Number(0xffffffffff600000n));
    expect(BigInt(parsed.lines[6]?.start ?? 0)).toBe(0xffffffffff600000n);
  });

  it('returns unreadable lines as errors with their line numbers', () => {
    expect(parsed.errors.map((e) => [e.line, e.reason])).toEqual([
      [8, 'not of the form start-end perms offset dev inode [path]'],
      [9, 'end is not above start'],
    ]);
  });

  it('rejects values that are not exact as numbers', () => {
    expect(parseProcMaps('0-fffffffffffffff1 r--p 0 00:00 0').errors).toHaveLength(1);
    expect(parseProcMaps('0-1000 r--p 10000000000000001 00:00 0').errors).toHaveLength(1);
  });
});

describe('mergeMaps', () => {
  it('merges lines that continue one another and nothing else', () => {
    const text = [
      '1000-2000 r--p 00000000 08:01 5 /x.so',
      '2000-3000 r--p 00001000 08:01 5 /x.so',
      '3000-4000 r--p 00005000 08:01 5 /x.so', // not the next offset
      '4000-5000 rw-p 00000000 00:00 0',
      '5000-6000 rw-p 00000000 00:00 0',
      '6000-7000 r--p 00000000 00:00 0',
    ].join('\n');
    const merged = mergeMaps(parseProcMaps(text).lines);
    expect(merged.map((l) => `${l.start.toString(16)}-${l.end.toString(16)}`)).toEqual(['1000-3000', '3000-4000', '4000-6000', '6000-7000']);
  });
});
