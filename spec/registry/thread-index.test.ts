import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { THREAD_FIXTURE } from '../checks/testing.js';
import { indexThread, messageAt, messageLabel, messageNumbered, renderThreadIndex, withinMessage } from './thread-index.js';
import { parseYamlFile } from './yaml-file.js';

const THREAD = [
  '[v9,0/13] a series',
  '',
  'Message',
  'stsp March 18, 2023, 4:50 p.m. UTC',
  'cover text',
  "Carlos O'Donell March 29, 2023, 1:17 p.m. UTC | #3",
  'a reply',
  'stsp March 31, 2023, 7 p.m. UTC | #21',
  'another',
].join('\n');

describe('indexThread', () => {
  const messages = indexThread(THREAD);

  it('finds every header line, the cover letter from line 1, each message up to the next', () => {
    expect(messages).toEqual([
      { number: 0, author: 'stsp', date: '2023-03-18 16:50 UTC', start: 1, end: 5 },
      { number: 3, author: "Carlos O'Donell", date: '2023-03-29 13:17 UTC', start: 6, end: 7 },
      { number: 21, author: 'stsp', date: '2023-03-31 19:00 UTC', start: 8, end: 9 },
    ]);
  });

  it('answers which message holds a line, and whether a range stays inside one', () => {
    expect(messageAt(messages, 7)?.number).toBe(3);
    expect(messageNumbered(messages, 21)?.start).toBe(8);
    expect(withinMessage(messages[1]!, { start: 6, end: 7 })).toBe(true);
    expect(withinMessage(messages[1]!, { start: 6, end: 8 })).toBe(false);
    expect(messageLabel(messages[1]!)).toBe("#3 Carlos O'Donell, 2023-03-29");
  });

  it('renders an index that reads back as the same values', () => {
    const parsed = parseYamlFile('index.yaml', renderThreadIndex(messages)).yaml?.value;
    expect(parsed).toEqual(messages);
  });

  it('indexes the fixture thread as the fixtures commit it', () => {
    const fixture = indexThread(readFileSync(THREAD_FIXTURE, 'utf8'));
    expect(fixture.map((m) => [m.number, m.author, m.start, m.end])).toEqual([[0, 'alice', 1, 24], [1, 'bob', 25, 50]]);
  });
});
