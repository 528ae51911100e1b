/**
 * results.junit.xml: a run in the JUnit XML format CI systems read. One `<testsuite>` per loader,
 * one `<testcase>` per case and profile (`name` is `case-id [profile]`). FAIL and XPASS are
 * `<failure>`s, ERROR an `<error>`, UNSUPPORTED `<skipped/>`; XFAIL and UNSPECIFIED pass with a
 * `<system-out>` note (the expected failure, the open spots the run went through).
 *
 * @module
 */
import type { ResultEntry, RunReport } from './types.js';

/** `text` with the five XML special characters escaped and the characters XML forbids dropped. */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) continue;
    if (c === 0xfffe || c === 0xffff) continue;
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      default: out += ch;
    }
  }
  return out;
}

/** An element with escaped attributes and escaped text (self-closing when `body` is undefined). */
function element(name: string, attrs: Readonly<Record<string, string | number>>, body?: string): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
  return body === undefined ? `<${name}${a}/>` : `<${name}${a}>${escapeXml(body)}</${name}>`;
}

/** The first divergence of a FAIL, as the text of its `<failure>`. */
function divergenceText(r: ResultEntry): string {
  const d = r.divergence;
  if (d === undefined) return r.note ?? r.reason ?? 'no divergence recorded';
  const lines = [`step ${d.step}: ${d.call} (${d.kind})`, `observed: ${d.observed}`, `allowed: ${d.allowed.join(' / ')}`,
    `why: ${d.detail}`, `broke: ${d.violated.join(', ')}`];
  if (r.note !== undefined) lines.push(`note: ${r.note}`);
  return lines.join('\n');
}

/** The gaps of a result, one per line. */
function gapsText(r: ResultEntry): string {
  return ['UNSPECIFIED: the run went through spots the spec leaves open:',
    ...r.gaps.map((g) => `step ${g.step}: ${g.gap} (${g.clauses.join(', ')})`)].join('\n');
}

/** The child element of one result's `<testcase>` ('' for a plain PASS). */
function outcomeElement(r: ResultEntry): string {
  switch (r.verdict) {
    case 'PASS': return '';
    case 'FAIL': return element('failure', { message: r.divergence?.kind ?? 'FAIL', type: 'FAIL' }, divergenceText(r));
    case 'XPASS': return element('failure', { message: 'XPASS: an expected failure now passes', type: 'XPASS' },
      `${r.note ?? 'expected failure now passes'}${r.expected === undefined ? '' : `\nexpected: ${r.expected.kind} at step ${r.expected.step} (${r.expected.why}, ${r.expected.file})`}`);
    case 'ERROR': return element('error', { message: r.reason ?? 'ERROR', type: 'ERROR' }, r.reason ?? 'harness error');
    case 'UNSUPPORTED': return element('skipped', { message: r.reason ?? 'UNSUPPORTED' });
    case 'XFAIL': return element('system-out', {}, `XFAIL: failed as expected (${r.divergence?.kind ?? r.expected?.kind ?? '?'} at step ` +
      `${r.divergence?.step ?? r.expected?.step ?? '?'}): ${r.expected?.why ?? ''} [${r.expected?.file ?? ''}]`);
    case 'UNSPECIFIED': return element('system-out', {}, gapsText(r));
  }
}

/** One `<testcase>`. */
function testcase(r: ResultEntry): string {
  const attrs = { name: `${r.case} [${r.profile ?? '-'}]`, classname: `${r.loader}.${r.case.split('/')[0] ?? r.case}`, time: (r.ms / 1000).toFixed(3) };
  const child = outcomeElement(r);
  if (child === '') return `    ${element('testcase', attrs)}`;
  const open = element('testcase', attrs).slice(0, -2);
  return `    ${open}>\n      ${child}\n    </testcase>`;
}

/** The JUnit XML document of `report`. */
export function formatJunit(report: RunReport): string {
  const ids = [...report.loaders.map((l) => l.id)];
  for (const r of report.results) if (!ids.includes(r.loader)) ids.push(r.loader);
  const suites = ids.map((id) => {
    const rs = report.results.filter((r) => r.loader === id);
    const count = (...kinds: string[]): number => rs.filter((r) => kinds.includes(r.verdict)).length;
    const attrs = { name: id, tests: rs.length, failures: count('FAIL', 'XPASS'), errors: count('ERROR'), skipped: count('UNSUPPORTED'),
      time: (rs.reduce((t, r) => t + r.ms, 0) / 1000).toFixed(3), timestamp: report.started.replace(/Z$/, ''), hostname: report.host };
    const open = element('testsuite', attrs).slice(0, -2);
    return [`  ${open}>`, ...rs.map(testcase), '  </testsuite>'].join('\n');
  });
  const total = { name: `dlspec ${report.dlspec}`, tests: report.results.length,
    failures: report.results.filter((r) => r.verdict === 'FAIL' || r.verdict === 'XPASS').length,
    errors: report.results.filter((r) => r.verdict === 'ERROR').length };
  const open = element('testsuites', total).slice(0, -2);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open}>\n${suites.join('\n')}\n</testsuites>\n`;
}
