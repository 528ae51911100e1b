/**
 * Test support: runs the driver on a case text and parses what it printed. The conformance runner
 * proper (isolation, limits, oracle) lives elsewhere; this is the smallest thing tests need.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDriverOutput, type ErrorLine, type HelloLine, type ParsedLine, type StepLine } from '../protocol.js';

/** What one driver run produced. */
export interface CaseRun {
  /** Exit status (null when killed by a signal). */
  readonly status: number | null;
  /** The signal that ended it, if any. */
  readonly signal: string | null;
  /** Raw standard output. */
  readonly stdout: string;
  /** Raw standard error. */
  readonly stderr: string;
  /** Every output line, parsed. */
  readonly lines: readonly ParsedLine[];
  /** The hello line, when there was one. */
  readonly hello: HelloLine | undefined;
  /** The step result lines, in order. */
  readonly steps: readonly StepLine[];
  /** Error lines. */
  readonly errors: readonly ErrorLine[];
}

/** How to start the driver. */
export interface RunOptions {
  /** Extra environment variables (LD_LIBRARY_PATH, DLSPEC_COMPAT, …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Words before the driver (`B/elf/ld.so --library-path …`). */
  readonly prefix?: readonly string[];
}

/** Runs `driver -` with `caseText` on its standard input, in a fresh temporary directory. */
export function runCase(driver: string, caseText: string, options: RunOptions = {}): CaseRun {
  const cwd = mkdtempSync(join(tmpdir(), 'dlspec-case-'));
  try {
    const [command, ...args] = [...(options.prefix ?? []), driver, '-'];
    const r = spawnSync(command ?? driver, args, {
      cwd, input: caseText, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...options.env },
    });
    const lines = parseDriverOutput(r.stdout ?? '');
    const good = lines.flatMap((l) => (l.ok ? [l.line] : []));
    return {
      status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', lines,
      hello: good.find((l): l is HelloLine => l.kind === 'hello'),
      steps: good.filter((l): l is StepLine => l.kind === 'step'),
      errors: good.filter((l): l is ErrorLine => l.kind === 'error'),
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
