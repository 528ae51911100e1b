import { describe, expect, it } from 'vitest';
import { CHECKS } from './index.js';
import { reportFailed, runChecks, runSpecCheck } from './run.js';
import { THREAD_FIXTURE, fixtureRoot, loadFixture } from './testing.js';

const failing = (report: ReturnType<typeof runChecks>) =>
  report.results.filter((result) => result.problems.length > 0).map((result) => result.check);

describe('runChecks', () => {
  it('runs every check once, and passes on the good fixture', async () => {
    const report = runChecks(await loadFixture('good'));
    expect(report.results.map((result) => result.check)).toEqual(CHECKS.map((check) => check.id));
    expect(failing(report)).toEqual([]);
    expect(reportFailed(report)).toBe(false);
    expect(report.coverage).toHaveLength(9);
  });

  it('fails on broken and on bad-registry with the checks that apply', async () => {
    const broken = runChecks(await loadFixture('broken'));
    expect(failing(broken)).toEqual(['SOURCES', 'SPEC_FRESH', 'CITATIONS', 'TLA_PARSE', 'TLA_TAGS', 'MODEL_COVERAGE', 'CASES_COVERAGE', 'JUDGED_COVERAGE']);
    const bad = runChecks(await loadFixture('bad-registry'));
    expect(failing(bad)).toEqual(['REGISTRY', 'SOURCES', 'SPEC_FRESH']);
    expect(reportFailed(bad)).toBe(true);
  });
});

describe('runSpecCheck', () => {
  it('prints the report as JSON with --json and returns exit code 1 on problems', async () => {
    let printed = '';
    const { exitCode } = await runSpecCheck(fixtureRoot('broken'), {
      json: true,
      threadPath: THREAD_FIXTURE,
      print: (text) => (printed += text),
    });
    expect(exitCode).toBe(1);
    const data = JSON.parse(printed) as { results: unknown[]; coverage: unknown[] };
    expect(data.results).toHaveLength(CHECKS.length);
    expect(data.coverage).toHaveLength(2);
  });

  it('prints text and returns exit code 0 when everything passes', async () => {
    let printed = '';
    const { exitCode } = await runSpecCheck(fixtureRoot('good'), {
      threadPath: THREAD_FIXTURE,
      print: (text) => (printed += text),
    });
    expect(exitCode).toBe(0);
    expect(printed).toMatch(/COVERAGE/);
    expect(printed).toMatch(/spec:check: all 11 checks passed$/);
  });
});
