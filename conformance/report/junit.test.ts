import { describe, expect, it } from 'vitest';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { VerdictKind } from '../oracle/types.js';
import { escapeXml, formatJunit } from './junit.js';
import { buildReport } from './report.js';
import type { ResultEntry } from './types.js';

function result(c: string, loader: string, verdict: VerdictKind, extra: Partial<ResultEntry> = {}): ResultEntry {
  return { case: c, file: `conformance/cases/${c}.case.yaml`, profile: 'dlmem-v9', loader, verdict, gaps: [], steps: [], clauses: ['x.a' as ClauseId], ms: 12, ...extra };
}

const results: ResultEntry[] = [
  result('a/pass', 'host', 'PASS'),
  result('a/fail', 'host', 'FAIL', { divergence: { step: 2, call: 'dlsym(h, "f<&>")', kind: 'wrong-value', allowed: ["'&f'"], observed: 'NULL', violated: ['x.a' as ClauseId], clauses: ['x.a' as ClauseId], detail: 'no f' } }),
  result('a/error', 'host', 'ERROR', { reason: 'driver said <boom> & died' }),
  result('a/unsup', 'musl', 'UNSUPPORTED', { reason: 'no dlmem' }),
  result('a/xfail', 'musl', 'XFAIL', { expected: { kind: 'wrong-error', step: 1, why: 'impl-bug: x', file: 'conformance/expectations/musl.yaml' } }),
  result('a/xpass', 'musl', 'XPASS', { note: 'now passes' }),
  result('a/gaps', 'musl', 'UNSPECIFIED', { gaps: [{ step: 3, gap: 'origin of "memory" objects', clauses: ['x.b' as ClauseId] }] }),
];
const outcome = { started: new Date('2026-01-01T00:00:00Z'), finished: new Date('2026-01-01T00:01:00Z'), interrupted: false, problems: [],
  loaders: [{ id: 'host', description: 'h' }, { id: 'musl', description: 'm' }], results };
const xml = formatJunit(buildReport(outcome, { root: '/nowhere' }, 1, '0.1.0'));

/** Counts `<name ` / `<name>` / `<name/>` openings, without regular expressions. */
function count(text: string, name: string): number {
  let n = 0;
  for (let i = text.indexOf(`<${name}`); i >= 0; i = text.indexOf(`<${name}`, i + 1)) {
    const next = text[i + name.length + 1];
    if (next === ' ' || next === '>' || next === '/') n++;
  }
  return n;
}

/** Whether every element is closed in order (a tiny well-formedness check: tags balance, no raw `<` or `&` in text). */
function balanced(text: string): boolean {
  const stack: string[] = [];
  let i = text.indexOf('?>') + 2;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const between = text.slice(i, lt);
    for (let j = between.indexOf('&'); j >= 0; j = between.indexOf('&', j + 1)) if (!['&lt;', '&gt;', '&amp;', '&quot;', '&apos;'].some((e) => between.startsWith(e, j))) return false;
    const gt = text.indexOf('>', lt);
    const tag = text.slice(lt + 1, gt);
    if (tag.includes('<')) return false;
    if (tag.startsWith('/')) { if (stack.pop() !== tag.slice(1)) return false; }
    else if (!tag.endsWith('/')) stack.push(tag.split(' ')[0] ?? '');
    i = gt + 1;
  }
  return stack.length === 0;
}

describe('formatJunit', () => {
  it('writes one testsuite per loader and one testcase per result', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(balanced(xml)).toBe(true);
    expect(count(xml, 'testsuites')).toBe(1);
    expect(count(xml, 'testsuite')).toBe(2);
    expect(count(xml, 'testcase')).toBe(7);
    expect(count(xml, 'failure')).toBe(2);
    expect(count(xml, 'error')).toBe(1);
    expect(count(xml, 'skipped')).toBe(1);
    expect(count(xml, 'system-out')).toBe(2);
    expect(xml).toContain('<testsuite name="host" tests="3" failures="1" errors="1" skipped="0"');
    expect(xml).toContain('<testcase name="a/fail [dlmem-v9]" classname="host.a" time="0.012">');
    expect(xml).toContain('<failure message="wrong-value" type="FAIL">step 2: dlsym(h, &quot;f&lt;&amp;&gt;&quot;) (wrong-value)');
    expect(xml).toContain('<skipped message="no dlmem"/>');
    expect(xml).toContain('step 3: origin of &quot;memory&quot; objects (x.b)</system-out>');
    expect(xml).toContain('XFAIL: failed as expected (wrong-error at step 1)');
  });

  it('escapes the XML special characters and drops forbidden ones', () => {
    expect(escapeXml(`<&"'>`)).toBe('&lt;&amp;&quot;&apos;&gt;');
    expect(escapeXml('a\u0001b\tc\n')).toBe('ab\tc\n');
    expect(xml).toContain('<error message="driver said &lt;boom&gt; &amp; died" type="ERROR">');
    expect(balanced('<a>x & y</a>')).toBe(false);
    expect(balanced('<a><b></a></b>')).toBe(false);
  });
});
