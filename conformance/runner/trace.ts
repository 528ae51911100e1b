/**
 * Turning what a driver process did into the oracle's Trace: the hello line, the step result
 * lines, the last `begin` (the step a crash belongs to), a driver-side error, and how it ended.
 *
 * @module
 */
import { driverProtocolVersion, parseDriverOutput, type HelloLine, type StepLine } from '../protocol.js';
import type { ProcessEnd, Trace } from '../oracle/types.js';
import type { RawRun } from './spawn.js';

/** How much of standard error a trace keeps (its end). */
export const STDERR_TAIL = 4000;

/** How the process ended, from what spawnRun saw. */
export function processEnd(raw: RawRun, timeoutMs: number): ProcessEnd {
  if (raw.timedOut) return { kind: 'timeout', ms: timeoutMs };
  if (raw.signal !== null) return { kind: 'signal', signal: raw.signal };
  return { kind: 'exit', code: raw.code ?? -1 };
}

/**
 * The trace of a finished run. A driver error line, a line that does not parse (other than a
 * last line cut short by a crash), a hello of another protocol version or output past the cap
 * become `driverError`: the run says nothing the oracle can use.
 */
export function toTrace(raw: RawRun, timeoutMs: number): Trace {
  let hello: HelloLine | undefined;
  const steps: StepLine[] = [];
  let lastBegin: number | undefined;
  const problems: string[] = [];
  for (const parsed of parseDriverOutput(raw.stdout)) {
    if (!parsed.ok) {
      if (!parsed.truncated) problems.push(`output line ${parsed.lineNo} ${parsed.problem}: ${parsed.text.slice(0, 200)}`);
      continue;
    }
    const l = parsed.line;
    if (l.kind === 'hello') {
      hello ??= l;
      if (l.protocol !== driverProtocolVersion) problems.push(`the driver speaks protocol ${l.protocol}, the harness ${driverProtocolVersion}`);
    } else if (l.kind === 'begin') lastBegin = l.step;
    else if (l.kind === 'step') steps.push(l);
    else problems.unshift(`step ${l.step}: ${l.error}`);
  }
  if (raw.outputCapped) problems.push('the driver wrote more output than the harness keeps');
  return {
    hello, steps, lastBegin,
    driverError: problems.length === 0 ? undefined : problems.join('; '),
    end: processEnd(raw, timeoutMs),
    stderr: raw.stderr.slice(-STDERR_TAIL),
  };
}
