import { describe, expect, it } from 'vitest';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ClauseJudgement, Divergence, VerdictKind } from '../oracle/types.js';
import { callOperation, clusterFailures, clusterLines, reproCommand, shownFault } from './clusters.js';
import { formatResultsMarkdown } from './markdown.js';
import { buildReport } from './report.js';
import type { ResultEntry } from './types.js';

const SEGV = 'killed by SIGSEGV';

function result(c: string, loader: string, verdict: VerdictKind, clauses: string[], judged: Record<string, ClauseJudgement> = {}, divergence?: Partial<Divergence>, profile = 'dlmem-v9'): ResultEntry {
  const d: Divergence | undefined = divergence === undefined ? undefined : {
    step: 2, call: 'h = dlmem(src, region, RTLD_NOW, NULL)', kind: 'unexpected-signal', allowed: ['handle #1'], observed: SEGV,
    violated: ['dlmem.elf.no-crash' as ClauseId], clauses: [], detail: `the call returns: no crash, abort or hang: ${SEGV}`, ...divergence,
  };
  return { case: c, file: `conformance/cases/${c}.case.yaml`, profile: profile as ResultEntry['profile'], loader, verdict, gaps: [], clauses: clauses as ClauseId[],
    judged, ms: 1, steps: [], ...(d === undefined ? {} : { divergence: d }) };
}

const crash = (c: string, loader = 'glibc:build-dlmem', profile = 'dlmem-v9'): ResultEntry =>
  result(c, loader, 'FAIL', ['dlmem.elf.no-crash', 'x.later', 'x.elsewhere'], { 'dlmem.elf.no-crash': 'FAIL' }, {}, profile);

const results: ResultEntry[] = [
  // The same crash at the first dlmem call of two cases (at different steps): one cluster of 2.
  { ...crash('dlmem/one'), divergence: { ...crash('dlmem/one').divergence as Divergence, step: 3 } },
  { ...crash('dlmem/two', 'glibc:build-dlmem', 'dlmem-branch'), steps: [{ step: 1, call: 'src = mmap(file "plain", r--, MAP_PRIVATE)', observed: 'ptr 0x1', allowed: [], matched: 0, gaps: [] }] },
  // The same call and crash, but it broke another clause too: a cluster of its own.
  result('dlmem/premap-null', 'glibc:build-dlmem', 'XFAIL', ['dlmem.premap.return-null'], { 'dlmem.elf.no-crash': 'FAIL', 'dlmem.premap.return-null': 'FAIL' },
    { call: 'h = dlmem(src, region, RTLD_NOW, {"premap":"null"})', violated: ['dlmem.premap.return-null' as ClauseId, 'dlmem.elf.no-crash' as ClauseId] }),
  // Another case of the loader judged x.elsewhere: the crashes did not keep it from being judged.
  result('dlmem/fine', 'glibc:build-dlmem', 'PASS', ['x.elsewhere'], { 'x.elsewhere': 'PASS' }),
  // The same crash on another loader: its own cluster, where x.elsewhere was never judged.
  crash('dlmem/one', 'host-glibc+memfd'),
  // A wrong error class: errno from the observation.
  result('dlmem/unaligned', 'host-glibc+memfd', 'FAIL', ['dlmem.args.unaligned-buffer'], { 'dlmem.args.unaligned-buffer': 'FAIL' },
    { step: 3, kind: 'wrong-error', call: 'h = dlmem(src+1, 4096, RTLD_NOW, NULL)', observed: 'null · dlerror "errno 5 in the text" errno 22', violated: ['dlmem.args.unaligned-buffer' as ClauseId], detail: 'the failure should show EINVAL' }),
];

describe('the signature parts', () => {
  it('takes the operation of a call', () => {
    expect(callOperation('h = dlmem(src, region, RTLD_NOW, NULL)')).toBe('dlmem');
    expect(callOperation('h1 = fdlopen({"image":"plain"}, RTLD_NOW)')).toBe('fdlopen');
    expect(callOperation('dlrelocate(deps[0])')).toBe('dlrelocate');
    expect(callOperation('sym = dlsym(handle, "ref1")')).toBe('dlsym');
    expect(callOperation('exit')).toBe('exit');
    expect(callOperation('v = *counter via h')).toBe('read');
    expect(callOperation('*counter = 3')).toBe('write');
  });

  it('reads the signal, exit status, timeout or errno shown, ignoring quoted messages', () => {
    expect(shownFault(SEGV)).toBe('SIGSEGV');
    expect(shownFault('exited with status 127 during the step')).toBe('exit 127');
    expect(shownFault('exit 1')).toBe('exit 1');
    expect(shownFault('no answer within 10000 ms')).toBe('timeout');
    expect(shownFault('null · dlerror "failed: errno 5" errno 22')).toBe('errno 22');
    expect(shownFault('null · dlerror "killed by SIGBUS"')).toBeUndefined();
    expect(shownFault('ptr 0x7f00', 'the call returns: killed by SIGBUS')).toBe('SIGBUS');
  });
});

describe('clusterFailures', () => {
  const clusters = clusterFailures(results, ['/work/glibc/build-dlmem']);

  it('groups the same crash on one loader into one cluster, largest first', () => {
    expect(clusters).toHaveLength(4);
    const [first] = clusters;
    expect(first).toMatchObject({ loader: 'glibc:build-dlmem', size: 2,
      signature: { call: 'dlmem', kind: 'unexpected-signal', shown: 'SIGSEGV', violated: ['dlmem.elf.no-crash'] } });
    expect(first?.cases).toEqual([{ case: 'dlmem/one', profile: 'dlmem-v9', verdict: 'FAIL' }, { case: 'dlmem/two', profile: 'dlmem-branch', verdict: 'FAIL' }]);
  });

  it('keeps a failure that broke another clause, or happened on another loader, apart', () => {
    const premap = clusters.find((c) => c.signature.violated.includes('dlmem.premap.return-null' as ClauseId));
    expect(premap).toMatchObject({ loader: 'glibc:build-dlmem', size: 1, cases: [{ case: 'dlmem/premap-null', verdict: 'XFAIL' }],
      signature: { violated: ['dlmem.elf.no-crash', 'dlmem.premap.return-null'] } });
    expect(clusters.filter((c) => c.loader === 'host-glibc+memfd').map((c) => c.signature)).toEqual([
      { call: 'dlmem', kind: 'unexpected-signal', shown: 'SIGSEGV', violated: ['dlmem.elf.no-crash'] },
      { call: 'dlmem', kind: 'wrong-error', shown: 'errno 22', violated: ['dlmem.args.unaligned-buffer'] },
    ]);
  });

  it('lists the clauses left NOT-REACHED that no other result of the loader judged', () => {
    expect(clusters[0]?.notReached).toEqual(['x.later']);
    expect(clusters.find((c) => c.loader === 'host-glibc+memfd' && c.signature.shown === 'SIGSEGV')?.notReached).toEqual(['x.elsewhere', 'x.later']);
    expect(clusters.find((c) => c.signature.kind === 'wrong-error')?.notReached).toEqual([]);
  });

  it('gives the repro command of the simplest member: --loader for a named loader, --libc DIR for a build directory', () => {
    expect(clusters[0]?.repro).toBe('npx dlspec repro dlmem/two --libc /work/glibc/build-dlmem --profile dlmem-branch');
    expect(clusters.find((c) => c.signature.kind === 'wrong-error')?.repro).toBe('npx dlspec repro dlmem/unaligned --loader host-glibc+memfd --profile dlmem-v9');
    expect(reproCommand({ case: 'dlmem/a[source=heap]', loader: 'glibc:build~2', profile: null }, ['/x/build', '/y/build'])).toBe("npx dlspec repro 'dlmem/a[source=heap]' --libc /y/build");
    expect(reproCommand({ case: 'dlmem/a', loader: 'glibc:gone', profile: 'dlmem-v9' }, [])).toBe('npx dlspec repro dlmem/a --libc gone --profile dlmem-v9');
  });

  it('prints one console line per cluster, then how many more there are', () => {
    const lines = clusterLines(clusters, 2);
    expect(lines).toEqual([
      'glibc:build-dlmem  2× dlmem unexpected-signal SIGSEGV  broke dlmem.elf.no-crash  not reached 1  → npx dlspec repro dlmem/two --libc /work/glibc/build-dlmem --profile dlmem-branch',
      'glibc:build-dlmem  1× dlmem unexpected-signal SIGSEGV  broke dlmem.elf.no-crash, dlmem.premap.return-null  not reached 0  → ' +
        'npx dlspec repro dlmem/premap-null --libc /work/glibc/build-dlmem --profile dlmem-v9',
      '… and 2 more clusters',
    ]);
    expect(clusterLines([], 10)).toEqual([]);
  });
});

describe('clusters in the report', () => {
  const outcome = { started: new Date('2026-01-01T00:00:00Z'), finished: new Date('2026-01-01T00:01:00Z'), interrupted: false, problems: [],
    loaders: [{ id: 'glibc:build-dlmem', description: 'b' }, { id: 'host-glibc+memfd', description: 'm' }], results };
  const report = buildReport(outcome, { root: '/nowhere', libcDirs: ['/work/glibc/build-dlmem'] }, 1, '0.1.0');

  it('are computed by buildReport', () => {
    expect(report.clusters?.map((c) => c.size)).toEqual([2, 1, 1, 1]);
  });

  it('lead latest.md, right after the loader table and before the clause matrix', () => {
    const md = formatResultsMarkdown(report);
    const sections = md.split('\n').filter((l) => l.startsWith('## '));
    expect(sections.slice(0, 2)).toEqual(['## Failure clusters', '## Clauses']);
    expect(md.indexOf('| loader | C library |')).toBeLessThan(md.indexOf('## Failure clusters'));
    expect(md).toContain('| 1 | glibc:build-dlmem | 2 | `dlmem unexpected-signal SIGSEGV` | `dlmem.elf.no-crash` | `x.later` | ' +
      '`npx dlspec repro dlmem/two --libc /work/glibc/build-dlmem --profile dlmem-branch` |');
    expect(md).toContain('5 FAIL and XFAIL results in 4 clusters');
  });

  it('leave latest.md without the section when nothing failed', () => {
    const md = formatResultsMarkdown(buildReport({ ...outcome, results: [results[3] as ResultEntry] }, { root: '/nowhere' }, 1, '0.1.0'));
    expect(md).not.toContain('## Failure clusters');
  });
});
