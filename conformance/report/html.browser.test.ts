import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { VerdictKind } from '../oracle/types.js';
import { formatResultsHtml } from './html.js';
import { buildReport } from './report.js';
import type { ResultEntry } from './types.js';

const CHROMIUM = '/usr/bin/chromium';
/** playwright-core is not a dependency of the project: found only when installed (npm install --no-save playwright-core). */
const playwrightPath = ((): string | undefined => { try { return createRequire(import.meta.url).resolve('playwright-core'); } catch { return undefined; } })();
const missing = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install chromium)` : playwrightPath === undefined ? 'playwright-core is not installed (npm install --no-save playwright-core)' : undefined;

/** The part of playwright-core's API the test uses. */
interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string): { count(): Promise<number>; first(): { click(): Promise<void> }; textContent(): Promise<string | null> };
  selectOption(selector: string, value: string): Promise<unknown>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'pageerror', listener: (e: Error) => void): void;
}
interface Context { newPage(): Promise<Page>; close(): Promise<void> }
interface Playwright { chromium: { launchPersistentContext(dir: string, options: object): Promise<Context> } }

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

const dir = mkdtempSync(join(tmpdir(), 'dlspec-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('results.html in a browser', () => {
  it.skipIf(missing !== undefined)(`renders the clusters and the matrix, filters them and opens a trace${missing === undefined ? '' : ` (skipped: ${missing})`}`, async () => {
    const file = join(dir, 'results.html');
    writeFileSync(file, formatResultsHtml(report, spec));
    const { chromium } = (await import(playwrightPath as string)) as Playwright;
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      expect(await page.locator('#head').textContent()).toContain('dlspec 9.9.9 · driver protocol 2');
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
      await page.locator('#clusters li.cluster[data-cluster="0"]').first().click();
      await page.screenshot({ path: '/tmp/dlspec-report.png' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
