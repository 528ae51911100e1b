/**
 * How `dlspec run` shows progress: on a terminal, one line rewritten in place (`\r`) with a bar,
 * the counts so far and the last case; elsewhere (a pipe, a CI log), a line at every tenth of the
 * run with the counts so far. What broke is printed once the run is over, grouped by cause.
 *
 * @module
 */
import type { ResultEntry } from '../conformance/report/types.js';

/** Where progress goes. */
export interface ProgressSink {
  /** The total is known. */
  plan(total: number): void;
  /** One more result. */
  result(r: ResultEntry): void;
  /** A message that must not be overwritten. */
  note(text: string): void;
  /** The run is over: leave the terminal clean. */
  done(): void;
}

/** A line at every tenth of the run (`progress: 340/1000 · FAIL 12 PASS 300 …`), through `print`. */
export function plainProgress(print: (line: string) => void): ProgressSink {
  let total = 0;
  let seen = 0;
  let next = 1;
  const counts = new Map<string, number>();
  return {
    // A new total (a mutation run plans again for its mutants): the next line at the next tenth of it.
    plan: (n) => { total = n; next = Math.floor((seen * 10) / Math.max(n, 1)) + 1; },
    result: (r) => {
      seen += 1;
      counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
      if (total > 0 && seen * 10 >= next * total) {
        print(`progress: ${seen}/${total} · ${[...counts].map(([k, n]) => `${k} ${n}`).join(' ')}`);
        while (next * total <= seen * 10) next += 1;
      }
    },
    note: print,
    done: () => undefined,
  };
}

/** A bar rewritten in place on `stream` (a TTY). */
export function ttyProgress(stream: NodeJS.WriteStream): ProgressSink {
  let total = 0;
  let seen = 0;
  const counts = new Map<string, number>();
  let last = '';
  const draw = (): void => {
    const width = Math.max(40, stream.columns ?? 80);
    const fraction = total === 0 ? 0 : seen / total;
    const bar = `[${'#'.repeat(Math.round(fraction * 20)).padEnd(20, '.')}]`;
    const tally = [...counts].map(([k, n]) => `${k} ${n}`).join(' ');
    stream.write(`\r${`${bar} ${seen}/${total} ${tally} ${last}`.slice(0, width - 1).padEnd(width - 1)}`);
  };
  return {
    plan: (n) => { total = n; draw(); },
    result: (r) => {
      seen += 1;
      counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
      last = r.case;
      draw();
    },
    note: (text) => { stream.write(`\r${' '.repeat(Math.max(0, (stream.columns ?? 80) - 1))}\r${text}\n`); draw(); },
    done: () => stream.write('\n'),
  };
}
