import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVER_SOURCE_DIR } from '../build/index.js';
import type { Loader } from '../loaders/types.js';
import { checkTrace } from '../oracle/check.js';
import type { Isolation } from '../loaders/types.js';
import { runConformance } from './run.js';
import { CASES } from './testing.js';

// A library the driver loads as a mutant would (DLSPEC_MUTANT_LIB), whose dlopen hangs after
// starting a grandchild that hangs too (their pids go to DLSPEC_TEST_PIDS), segfaults or aborts.
const MISBEHAVE = `#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mutant.h"
static void *hang(const char *file, int mode) {
  (void)file, (void)mode;
  pid_t grandchild = fork();
  if (grandchild == 0) for (;;) pause();
  FILE *f = fopen(getenv("DLSPEC_TEST_PIDS"), "a");
  fprintf(f, "%d %d\\n", (int)getpid(), (int)grandchild);
  fclose(f);
  for (;;) pause();
}
static void *segv(const char *file, int mode) { (void)file, (void)mode; raise(SIGSEGV); return NULL; }
static void *abrt(const char *file, int mode) { (void)file, (void)mode; abort(); }
int dlspec_mutant_install(struct dlspec_mutant_env *env) {
  const char *id = getenv("DLSPEC_MUTANT");
  env->api->dlopen = strcmp(id, "hang") == 0 ? hang : strcmp(id, "segv") == 0 ? segv : abrt;
  return 0;
}
`;

const root = mkdtempSync(join(tmpdir(), 'dlspec-isolation-'));
const library = join(root, 'libmisbehave.so');
const pids = join(root, 'pids');

beforeAll(() => {
  mkdirSync(join(root, 'conformance/cases/t'), { recursive: true });
  writeFileSync(join(root, 'conformance/cases/t/plain.case.yaml'), CASES['t/plain.case.yaml'] ?? '');
  writeFileSync(join(root, 'misbehave.c'), MISBEHAVE);
  const cc = spawnSync('cc', ['-shared', '-fPIC', '-I', DRIVER_SOURCE_DIR, '-o', library, join(root, 'misbehave.c')], { encoding: 'utf8' });
  if (cc.status !== 0) throw new Error(cc.stderr);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `base` with its dlopen replaced as `id` says. */
function misbehaving(base: Loader, id: string): Loader {
  return {
    ...base, id: `${base.id}~${id}`,
    command: (driver, args) => {
      const c = base.command(driver, args);
      return { ...c, env: { ...c.env, DLSPEC_MUTANT_LIB: library, DLSPEC_MUTANT: id, DLSPEC_TEST_PIDS: pids } };
    },
  };
}

/** Whether process `pid` is gone (or a zombie nobody reaped yet). */
function gone(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || / Z /.test(readFileSync(stat, 'utf8').replace(/^.*\)/, ''));
}

/** The fork servers still running a driver from this run (`driver --serve`). */
function servers(): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').includes('--serve') && !gone(Number(p)) ? [Number(p)] : []; } catch { return []; }
  });
}

describe.each<Isolation>(['fork', 'exec'])('a run in %s mode', (isolation) => {
  it('ends a hung child (and what it started) at the timeout, and a crash, as verdicts', async () => {
    rmSync(pids, { force: true });
    const before = servers();
    const outcome = await runConformance({
      root, check: checkTrace, loaders: ['host-glibc'], isolation, timeoutMs: 400, jobs: 2,
      extend: async (active) => ({ active: [...active, ...['hang', 'segv', 'abrt'].map((id) => ({ ...active[0]!, loader: misbehaving(active[0]!.loader, id) }))], problems: [] }),
    });
    expect(outcome.problems).toEqual([]);
    expect(outcome.loaders.map((l) => [l.id, l.isolation])).toEqual(['host-glibc', 'host-glibc~hang', 'host-glibc~segv', 'host-glibc~abrt'].map((id) => [id, isolation]));
    const result = (loader: string) => outcome.results.filter((r) => r.loader === loader).map((r) => [r.verdict, r.divergence?.kind, r.divergence?.step, r.divergence?.observed]);
    expect(result('host-glibc')).toEqual([['PASS', undefined, undefined, undefined], ['PASS', undefined, undefined, undefined]]);
    expect(result('host-glibc~hang')).toEqual([['FAIL', 'hang', 1, expect.stringMatching(/400 ms/)], ['FAIL', 'hang', 1, expect.stringMatching(/400 ms/)]]);
    expect(result('host-glibc~segv')).toEqual([['FAIL', 'unexpected-signal', 1, expect.stringMatching(/SIGSEGV/)], ['FAIL', 'unexpected-signal', 1, expect.stringMatching(/SIGSEGV/)]]);
    expect(result('host-glibc~abrt')).toEqual([['FAIL', 'unexpected-signal', 1, expect.stringMatching(/SIGABRT/)], ['FAIL', 'unexpected-signal', 1, expect.stringMatching(/SIGABRT/)]]);
    // The hung child and the grandchild it started are both gone, and so are the run's servers.
    const hung = readFileSync(pids, 'utf8').trim().split(/\s+/).map(Number);
    expect(hung).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(hung.filter((pid) => !gone(pid))).toEqual([]);
    expect(servers().filter((pid) => !before.includes(pid))).toEqual([]);
  }, 60_000);
});
