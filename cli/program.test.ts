import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { THREAD_FIXTURE, copyFixture, fixtureRoot, removeFixtureCopies } from '../spec/checks/testing.js';
import { buildProgram } from './program.js';

afterAll(removeFixtureCopies);

/** Runs `dlspec …args` on `root` and returns what it printed and its exit code. */
async function dlspec(root: string, ...args: string[]): Promise<{ output: string; exitCode: number }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  process.exitCode = undefined;
  await buildProgram().parseAsync(['node', 'dlspec', '--root', root, '--thread', THREAD_FIXTURE, ...args]);
  const output = log.mock.calls.map((call) => call.join(' ')).join('\n');
  log.mockRestore();
  return { output, exitCode: Number(process.exitCode ?? 0) };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('dlspec', () => {
  it('spec gen writes the generated files', async () => {
    const root = copyFixture('broken');
    const { output, exitCode } = await dlspec(root, 'spec', 'gen');
    expect(output).toBe('wrote SPEC.md, spec/clause-ids.gen.ts, spec/thread-index.gen.yaml');
    expect(exitCode).toBe(0);
    expect(existsSync(join(root, 'spec/clause-ids.gen.ts'))).toBe(true);
    expect(readFileSync(join(root, 'spec/thread-index.gen.yaml'), 'utf8')).toMatch(/- number: 1\n {2}author: bob\n {2}date: 2023-03-02 14:30 UTC\n {2}start: 25\n {2}end: 50\n$/);
  });

  it('spec check exits 0 on the good fixture and 1 on broken', async () => {
    expect((await dlspec(fixtureRoot('good'), 'spec', 'check')).exitCode).toBe(0);
    const broken = await dlspec(fixtureRoot('broken'), 'spec', 'check', '--json');
    expect(broken.exitCode).toBe(1);
    expect(JSON.parse(broken.output)).toHaveProperty('coverage');
  });

  it('run writes the coverage reports, then runs the conformance suite and writes its results', async () => {
    const root = copyFixture('good');
    const { output, exitCode } = await dlspec(root, 'run', '--loader', 'model');
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^spec check: all \d+ checks passed \(coverage in reports\/coverage.md\)$/m);
    expect(output).toMatch(/wrote reports\/runs\/\S+ \(0 results\); reports\/latest and reports\/latest.\{json,md,html,junit.xml\} now show it/);
    for (const f of ['latest.html', 'latest.junit.xml']) expect(existsSync(join(root, 'reports', f))).toBe(true);
    const coverage = JSON.parse(readFileSync(join(root, 'reports/coverage.json'), 'utf8')) as { totals: unknown };
    expect(coverage.totals).toEqual({ spec: 9, tla: 4, model: 0, cases: 0, judged: 0 });
    expect(readFileSync(join(root, 'reports/coverage.md'), 'utf8')).toMatch(/^# Clause coverage\n\n\| Clause \|/);
    const results = JSON.parse(readFileSync(join(root, 'reports/latest.json'), 'utf8')) as { loaders: { id: string }[]; results: unknown[] };
    expect(results.loaders.map((l) => l.id)).toEqual(['model']);
    expect(results.results).toEqual([]);
    expect(existsSync(join(root, 'reports/latest/partial.ndjson'))).toBe(false);
  });

  it('run exits 2 on bad input, a bad option or a loader that matches nothing, and says so on stderr', async () => {
    const root = copyFixture('good');
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await dlspec(root, 'run', '--jobs', 'many')).toMatchObject({ exitCode: 2, output: '' });
    expect((await dlspec(root, 'run', '--loader', 'model', '--loader', 'nosuch')).exitCode).toBe(2);
    const said = err.mock.calls.map((c) => c.join(' ')).join('\n');
    err.mockRestore();
    expect(said).toMatch(/error: --jobs must be a positive integer, not "many"/);
    expect(said).toMatch(/error: --loader nosuch: no such loader/);
  });

  it('prints its version', () => {
    expect(buildProgram().version()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has repro (one case on one loader as a C program) and run --strict', () => {
    const program = buildProgram();
    const repro = program.commands.find((c) => c.name() === 'repro');
    expect(repro?.options.map((o) => o.long)).toEqual(['--loader', '--libc', '--profile', '--out', '--keep-going', '--timeout']);
    expect(program.commands.find((c) => c.name() === 'run')?.options.map((o) => o.long)).toContain('--strict');
  });

  it('docs writes the clause pages', async () => {
    const root = copyFixture('good');
    expect((await dlspec(root, 'docs')).output).toBe('wrote 9 clause pages and an index to reports/docs-src/clauses');
    expect(existsSync(join(root, 'reports/docs-src/clauses/index.md'))).toBe(true);
  });
});
