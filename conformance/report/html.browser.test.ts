import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { VerdictKind } from '../oracle/types.js';
import { driverProtocolVersion } from '../protocol.js';
import { formatResultsHtml } from './html.js';
import { buildReport } from './report.js';
import type { ResultEntry } from './types.js';

const CHROMIUM = '/usr/bin/chromium';
/** playwright-core is not a dependency of the project: found only when installed (npm install --no-save playwright-core). */
const playwrightPath = ((): string | undefined => { try { return createRequire(import.meta.url).resolve('playwright-core'); } catch { return undefined; } })();
const missing = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install chromium)` : playwrightPath === undefined ? 'playwright-core is not installed (npm install --no-save playwright-core)' : undefined;
const skipped = missing === undefined ? '' : ` (skipped: ${missing})`;

/** The part of playwright-core's API the test uses. */
interface Locator {
  count(): Promise<number>;
  first(): Locator;
  click(): Promise<void>;
  textContent(): Promise<string | null>;
  getAttribute(name: string): Promise<string | null>;
  isVisible(): Promise<boolean>;
}
interface Page {
  goto(url: string): Promise<unknown>;
  url(): string;
  locator(selector: string): Locator;
  selectOption(selector: string, value: string): Promise<unknown>;
  keyboard: { press(key: string): Promise<void> };
  evaluate(expression: string): Promise<unknown>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'pageerror', listener: (e: Error) => void): void;
}
interface Context { newPage(): Promise<Page>; close(): Promise<void> }
interface Playwright { chromium: { launchPersistentContext(dir: string, options: object): Promise<Context> } }

/** A page of `html` in chromium at `width` × 900 px, given to `use`; fails on any script error. */
async function inBrowser(name: string, html: string, width: number, use: (page: Page) => Promise<void>): Promise<void> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const { chromium } = (await import(playwrightPath as string)) as Playwright;
  const context = await chromium.launchPersistentContext(join(dir, `profile-${name}`), {
    executablePath: CHROMIUM, headless: true, viewport: { width, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    await use(page);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

function result(c: string, loader: string, verdict: VerdictKind, clauses: string[], profile = 'dlmem-v9'): ResultEntry {
  const judged = verdict === 'PASS' ? Object.fromEntries(clauses.map((cl) => [cl, 'PASS'])) : {};
  return { case: c, file: `conformance/cases/${c}.case.yaml`, profile: profile as ResultEntry['profile'], loader, verdict, gaps: [], clauses: clauses as ClauseId[], judged, ms: 3,
    steps: [{ step: 1, call: 'src = mmap(file, r--)', observed: 'ptr 0x7f00', allowed: ['none · specified'], matched: 1, gaps: [] }] };
}
const fail: ResultEntry = {
  ...result('dlmem/unaligned', 'host-glibc+memfd', 'FAIL', ['dlmem.args.unaligned-buffer', 'base.dlerror.error-class']),
  judged: { 'dlmem.args.unaligned-buffer': 'FAIL' },
  divergence: { step: 2, call: 'h = dlmem(src+1, 4096, RTLD_NOW, NULL)', kind: 'wrong-error', allowed: ['null · dlerror EINVAL'], observed: 'null · dlerror "bad <ELF>"',
    violated: ['dlmem.args.unaligned-buffer' as ClauseId], clauses: ['dlmem.args.unaligned-buffer' as ClauseId], detail: 'the failure should show EINVAL' },
  steps: [{ step: 1, call: 'src = mmap(file, r--)', observed: 'ptr 0x7f00', allowed: ['none · specified'], matched: 1, gaps: [] },
    { step: 2, call: 'h = dlmem(src+1, 4096, RTLD_NOW, NULL)', observed: 'null · dlerror "bad <ELF>"', allowed: ['null · dlerror EINVAL'], matched: 0, gaps: [] }],
};
/** The same crash in two profiles: one failure cluster of 2 (its cells add no row to the matrix: nothing was judged). */
const crash = (profile: string): ResultEntry => ({
  ...result('baseline/dlsym', 'host-glibc+memfd', 'FAIL', ['base.dlsym.found'], profile), judged: {},
  divergence: { step: 2, call: 'sym = dlsym(h, "ref1")', kind: 'unexpected-signal', allowed: ['ptr &ref1'], observed: 'killed by SIGSEGV',
    violated: ['base.call.returns' as ClauseId], clauses: ['base.dlsym.found' as ClauseId], detail: 'the call returns: no crash, abort or hang: killed by SIGSEGV' },
  steps: [{ step: 1, call: 'h = dlopen("plain", RTLD_NOW)', observed: 'ptr 0x5500', allowed: ['handle #1'], matched: 1, gaps: [] },
    { step: 2, call: 'sym = dlsym(h, "ref1")', observed: 'killed by SIGSEGV', allowed: ['ptr &ref1'], matched: 0, gaps: [] }],
});
const results: ResultEntry[] = [
  result('dlmem/unaligned', 'host-glibc', 'UNSUPPORTED', ['dlmem.args.unaligned-buffer', 'base.dlerror.error-class']),
  fail,
  result('dlmem/unaligned', 'host-glibc+memfd', 'PASS', ['dlmem.args.unaligned-buffer', 'base.dlerror.error-class'], 'dlmem-branch'),
  result('baseline/dlsym', 'host-glibc', 'PASS', ['base.dlsym.found']),
  result('baseline/dlsym', 'host-glibc+memfd', 'PASS', ['base.dlsym.found']),
  result('norelocate/defer', 'host-glibc', 'UNSUPPORTED', ['noreloc.defer.relocation'], 'norelocate-v2'),
  result('norelocate/defer', 'host-glibc+memfd', 'UNSUPPORTED', ['noreloc.defer.relocation'], 'norelocate-v2'),
  crash('dlmem-branch'),
  crash('norelocate-v2'),
];
const report = buildReport({ started: new Date('2026-01-01T00:00:00Z'), finished: new Date('2026-01-01T00:00:05Z'), interrupted: false, problems: [],
  loaders: [{ id: 'host-glibc', description: 'h', identity: { path: '/lib/libc.so.6', version: 'GNU C Library 2.36', buildId: 'abc123' } },
    { id: 'host-glibc+memfd', description: 'm', identity: { path: '/lib/libc.so.6', version: 'GNU C Library 2.36', buildId: 'abc123' } }], results },
  { root: '/nowhere' }, 1, '9.9.9');
const spec = {
  'dlmem.args.unaligned-buffer': { status: 'normative', text: 'An unaligned buffer makes dlmem fail with EINVAL.', chapter: 'dlmem() arguments' },
  'base.dlerror.error-class': { status: 'implementation-defined', text: 'The error class shows in errno.', chapter: 'Baseline' },
  'base.dlsym.found': { status: 'normative', text: 'dlsym finds a defined symbol.', chapter: 'Baseline' },
  'noreloc.defer.relocation': { status: 'normative', text: 'RTLD_NORELOCATE defers relocation.', chapter: 'RTLD_NORELOCATE' },
};

/** The loaders of a full run on a host with musl and two glibc build directories. */
const FULL_LOADERS = ['model', 'host-glibc', 'host-glibc+memfd', 'musl', 'musl+memfd', 'glibc:build-dlmem', 'glibc:build-noreloc'];
const MALFORMED = "malformed case file: conformance/cases/dlmem/broken.case.yaml: step 2 (dlmem): unknown key 'flagz'";
const longCall = 'h = dlopen_with_args("libdlspec-plain.so", RTLD_NOW|RTLD_NODELETE|RTLD_NORELOCATE, {"soname":"libdlspec-mem.so","nsid":"LM_ID_BASE","flags":["DLMEM_DONTREPLACE"],"premap":"anon"})';
const moved: ResultEntry = {
  ...result('norelocate/move-queries', 'glibc:build-dlmem', 'FAIL', ['noreloc.trigger.move-queries-exempt'], 'norelocate-v2'),
  judged: { 'noreloc.trigger.move-queries-exempt': 'FAIL' },
  divergence: { step: 1, call: longCall, kind: 'wrong-events', allowed: ['handle #1 · specified · effects: mapped #1'], observed: 'ptr 0x7f00 · relocated #1',
    violated: ['noreloc.trigger.move-queries-exempt' as ClauseId], clauses: ['noreloc.trigger.move-queries-exempt' as ClauseId], detail: 'dladdr relocated the object' },
  steps: [{ step: 1, call: longCall, observed: 'ptr 0x7f00 · relocated #1', allowed: ['handle #1 · specified · effects: mapped #1\n      clauses: noreloc.trigger.move-queries-exempt, base.dlsym.found, noreloc.trigger.dlsym'], matched: 0, gaps: [] }],
};
const fullResults: ResultEntry[] = [
  ...FULL_LOADERS.map((l) => ({ case: 'dlmem/broken', file: 'conformance/cases/dlmem/broken.case.yaml', profile: null, loader: l, verdict: 'ERROR' as const, gaps: [], steps: [], clauses: [], ms: 0, reason: MALFORMED })),
  ...FULL_LOADERS.filter((l) => l !== 'host-glibc').map((l) => result('baseline/dlsym', l, 'PASS', ['base.dlsym.found'])),
  { ...result('baseline/dlsym', 'host-glibc', 'ERROR', ['base.dlsym.found']), steps: [], reason: 'the driver exited with status 127 before its hello line' },
  ...FULL_LOADERS.filter((l) => l !== 'glibc:build-dlmem').map((l) => l.startsWith('musl') || l.startsWith('host')
    ? { ...result('norelocate/move-queries', l, 'UNSUPPORTED', ['noreloc.trigger.move-queries-exempt'], 'norelocate-v2'), reason: 'the loader has no RTLD_NORELOCATE (no dlrelocate())' }
    : result('norelocate/move-queries', l, 'PASS', ['noreloc.trigger.move-queries-exempt'], 'norelocate-v2')),
  moved,
];
const full = buildReport({ started: new Date('2026-01-01T00:00:00Z'), finished: new Date('2026-01-01T00:01:00Z'), interrupted: false, problems: [],
  loaders: FULL_LOADERS.map((id) => ({ id, description: id })), results: fullResults }, { root: '/nowhere' }, 1, '9.9.9');
const fullSpec = {
  ...spec,
  'base.dlsym.found': { ...spec['base.dlsym.found'], docs: true },
  'noreloc.trigger.move-queries-exempt': { status: 'implementation-defined', text: 'Moving queries do not trigger the deferred relocation.', chapter: 'RTLD_NORELOCATE' },
};

/** In the page: each loader column header, whether its box is inside the viewport and whether it is what shows at its centre. */
const HEADERS_SEEN = `[...document.querySelectorAll('#matrix thead th.loader')].map((th) => {
  const box = th.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return { loader: th.dataset.loader, inside: box.left >= 0 && box.right <= document.documentElement.clientWidth && box.top >= 0 && box.bottom <= window.innerHeight,
    onTop: hit !== null && th.contains(hit) };
})`;

/** In the page: for each call and allowed-outcomes cell of the trace, how many lines it takes and the words that a line break cuts. */
const WORDS_BROKEN = `[...document.querySelectorAll('#trace td.call, #trace td.allowed')].map((td) => {
  const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  const broken = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/[A-Za-z0-9_]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if ([...range.getClientRects()].filter((r) => r.width > 0).length !== 1) broken.push(m[0]);
    }
  }
  const style = getComputedStyle(td);
  const inner = td.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return { lines: Math.round(inner / parseFloat(style.lineHeight)), broken };
})`;

const dir = mkdtempSync(join(tmpdir(), 'dlspec-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('results.html in a browser', () => {
  it.skipIf(missing !== undefined)(`renders the clusters and the matrix, filters them and opens a trace${skipped}`, async () => {
    await inBrowser('results', formatResultsHtml(report, spec), 1280, async (page) => {
      expect(await page.locator('#head').textContent()).toContain(`dlspec 9.9.9 · driver protocol ${driverProtocolVersion}`);
      expect(await page.locator('#head').textContent()).toContain('abc123');
      expect(await page.locator('#matrix tr.clause').count()).toBe(4);
      expect(await page.locator('#matrix tr.group').count()).toBe(4);
      expect(await page.locator('#matrix td.cell').count()).toBe(8);
      await page.selectOption('#f-proposal', 'dlmem');
      expect(await page.locator('#matrix tr.clause').count()).toBe(1);
      await page.selectOption('#f-proposal', '');
      await page.selectOption('#f-loader', 'host-glibc');
      expect(await page.locator('#matrix td.cell').count()).toBe(4);
      await page.selectOption('#f-loader', '');
      await page.selectOption('#f-profile', 'dlmem-branch');
      expect(await page.locator('#matrix td.cell.v-FAIL').count()).toBe(0);
      await page.selectOption('#f-profile', '');
      // The failure broke dlmem.args.unaligned-buffer only; in its profile base.dlerror.error-class was never reached.
      await page.selectOption('#f-profile', 'dlmem-v9');
      expect(await page.locator('#matrix tr[data-clause="base.dlerror.error-class"] td.cell.v-NOT-REACHED').count()).toBe(1);
      await page.selectOption('#f-profile', '');
      await page.selectOption('#f-verdict', 'FAIL');
      expect(await page.locator('#matrix tr.clause').count()).toBe(1);
      await page.locator('#matrix tr[data-clause="dlmem.args.unaligned-buffer"] td.cell.v-FAIL').first().click();
      expect(await page.locator('#panel li.case').count()).toBe(2); // the FAIL in dlmem-v9, the PASS in dlmem-branch
      await page.locator('#panel li.case[data-verdict="FAIL"]').first().click();
      expect(await page.locator('#trace tr.step').count()).toBe(2);
      expect(await page.locator('#trace tr.step.diverged').count()).toBe(1);
      expect(await page.locator('#trace tr.step.diverged').textContent()).toContain('null · dlerror "bad <ELF>"');
      expect(await page.locator('#divergence').textContent()).toContain('First divergence: step 2 (wrong-error)');
      expect(await page.locator('#trace').textContent()).toContain('An unaligned buffer makes dlmem fail with EINVAL.');
      // The failure clusters, at the top, largest first: the crash in two profiles, then the wrong error.
      await page.selectOption('#f-verdict', '');
      expect(await page.locator('#clusters li.cluster').count()).toBe(2);
      expect(await page.locator('#clusters-title').textContent()).toBe('Failure clusters (2)');
      expect(await page.locator('#clusters li.cluster[data-cluster="0"]').textContent()).toContain('2×host-glibc+memfddlsym unexpected-signal SIGSEGVbroke base.call.returns');
      expect(await page.locator('#clusters li.cluster[data-cluster="1"]').textContent()).toContain('1×host-glibc+memfddlmem wrong-errorbroke dlmem.args.unaligned-buffer');
      await page.locator('#clusters li.cluster[data-cluster="0"]').first().click();
      expect(await page.locator('#clusters li.cluster.selected').count()).toBe(1);
      expect(await page.locator('#panel h2').textContent()).toBe('Cluster: 2× dlsym unexpected-signal SIGSEGV on host-glibc+memfd');
      expect(await page.locator('#panel code.repro').textContent()).toBe('npx dlspec repro baseline/dlsym --loader host-glibc+memfd --profile dlmem-branch');
      expect(await page.locator('#panel li.case').count()).toBe(2);
      await page.locator('#panel li.case[data-verdict="FAIL"]').first().click();
      expect(await page.locator('#trace tr.step.diverged').textContent()).toContain('killed by SIGSEGV');
      expect(await page.locator('#divergence').textContent()).toContain('First divergence: step 2 (unexpected-signal)');
      await page.selectOption('#f-loader', 'host-glibc');
      expect(await page.locator('#clusters li.cluster').count()).toBe(0);
      expect(await page.locator('#clusters-title').textContent()).toBe('Failure clusters (0 of 2)');
      await page.selectOption('#f-loader', '');
      // The panel overlays the page's right side; Escape closes it.
      expect(await page.locator('#panel').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await page.locator('#panel').isVisible()).toBe(false);
      await page.locator('#clusters li.cluster[data-cluster="0"]').first().click();
      expect(await page.locator('#panel').isVisible()).toBe(true);
      await page.screenshot({ path: '/tmp/dlspec-report.png' });
    });
  }, 60_000);

  it.skipIf(missing !== undefined)(`fits the 7 loaders of a full run at 1280 px, wraps calls between words, gives every ERROR its reason and shows clauses without the docs${skipped}`, async () => {
    await inBrowser('full', formatResultsHtml(full, fullSpec), 1280, async (page) => {
      // Nothing chosen yet: the panel is closed, and every loader's column header is inside the viewport and on top.
      expect(await page.locator('#panel').isVisible()).toBe(false);
      const headers = await page.evaluate(HEADERS_SEEN);
      expect(headers).toEqual(FULL_LOADERS.map((loader) => ({ loader, inside: true, onTop: true })));

      // The ERROR results: counted at the top, grouped by reason; each shows its reason with its trace.
      expect(await page.locator('#errors-title').textContent()).toBe('Errors (8 ERROR results, 2 reasons)');
      expect(await page.locator('#errors li.error').count()).toBe(2);
      expect(await page.locator('#errors li.error[data-error="0"]').textContent()).toBe(`7×${MALFORMED}on ${FULL_LOADERS.join(', ')}`);
      await page.locator('#errors li.error[data-error="0"]').click();
      expect(await page.locator('#panel li.case').count()).toBe(7);
      expect(await page.locator('#panel li.case.selected').textContent()).toContain('dlmem/broken');
      expect(await page.locator('#reason').textContent()).toBe(`Why ERROR${MALFORMED}`);
      await page.locator('#panel li.case[data-case="dlmem/broken"]').first().click();
      expect(await page.locator('#reason').textContent()).toBe(`Why ERROR${MALFORMED}`);
      await page.keyboard.press('Escape');
      // An ERROR with clauses has its cell; its result shows the driver's reason.
      await page.locator('#matrix tr[data-clause="base.dlsym.found"] td.cell.v-ERROR').click();
      await page.locator('#panel li.case[data-verdict="ERROR"]').click();
      expect(await page.locator('#reason').textContent()).toBe('Why ERRORthe driver exited with status 127 before its hello line');
      await page.keyboard.press('Escape');
      // UNSUPPORTED: the reason too.
      await page.locator('#matrix tr[data-clause="noreloc.trigger.move-queries-exempt"] td.cell[data-loader="musl"]').click();
      await page.locator('#panel li.case[data-verdict="UNSUPPORTED"]').click();
      expect(await page.locator('#reason').textContent()).toBe('Why UNSUPPORTEDthe loader has no RTLD_NORELOCATE (no dlrelocate())');
      await page.keyboard.press('Escape');

      // The trace of the failure: the long call wraps over several lines, never inside a word.
      await page.locator('#matrix tr[data-clause="noreloc.trigger.move-queries-exempt"] td.cell[data-loader="glibc:build-dlmem"]').click();
      await page.locator('#panel li.case[data-verdict="FAIL"]').click();
      const cells = await page.evaluate(WORDS_BROKEN) as { lines: number; broken: string[] }[];
      expect(cells.find((c) => c.lines >= 3)).toBeDefined();
      expect(cells.flatMap((c) => c.broken)).toEqual([]);
      await page.keyboard.press('Escape');

      // A clause ID without its documentation page shows the clause in the panel; with the page, it links to it.
      const url = page.url();
      await page.locator('#matrix a[data-clause-link="noreloc.trigger.move-queries-exempt"]').click();
      expect(page.url()).toBe(url);
      expect(await page.locator('#panel').isVisible()).toBe(true);
      expect(await page.locator('#clause-text').textContent()).toBe('Moving queries do not trigger the deferred relocation.');
      expect(await page.locator('#clause-view .verdicts').textContent()).toContain('glibc:build-dlmem FAIL');
      await page.locator('#clause-view button.v-FAIL').click();
      expect(await page.locator('#panel h2').first().textContent()).toBe('Cases covering noreloc.trigger.move-queries-exempt on glibc:build-dlmem');
      expect(await page.locator('#matrix a[data-clause-link="base.dlsym.found"]').getAttribute('href')).toBe('docs/documents/Clauses.base.dlsym.found.html');
      expect(await page.locator('#matrix a[data-clause-link="noreloc.trigger.move-queries-exempt"]').getAttribute('href')).toBe('#');
    });
  }, 60_000);
});
