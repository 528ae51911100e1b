/**
 * The fork server's protocol (DRIVER.md "Fork server") on the runner's side: the request line for
 * a case, and the reader that cuts the server's standard output back into replies, each `ended`
 * reply followed by the bytes the case wrote to its standard output and error.
 *
 * @module
 */
import { encodeValue } from '../lower/values.js';
import { type Limits, limitFields } from './limits.js';
import type { OutputFiles } from './output.js';

/**
 * One case for a server. The child runs `caseFile` itself, or execs `exec` (the server is then a
 * launcher); its standard output and error go to `out` and `err`, which the server sends back.
 */
export interface ForkRequest extends OutputFiles {
  /**
   * The case's directory, its working directory: the server makes it (unless `made`: the runner
   * did, to put files in it) and removes it with everything in it once it has sent the reply.
   */
  readonly dir: string;
  /** Whether the runner made `dir`. */
  readonly made: boolean;
  /** What the server writes to `dir`/case.txt before the fork, if anything. */
  readonly text?: string;
  /** The case file the child runs, or what it execs: a program and its whole argv. */
  readonly run: { readonly caseFile: string } | { readonly exec: string; readonly argv: readonly string[] };
  /** Its whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Its limits (the timeout included). */
  readonly limits: Limits;
  /** Kill it when this signal aborts. */
  readonly signal?: AbortSignal;
}

/** How a case's child ended, and what it wrote. */
export interface Ended {
  /** The child's pid. */
  readonly pid: number;
  /** Whether the server killed it at its timeout. */
  readonly timeout: boolean;
  /** Its exit status; -1 when a signal ended it. */
  readonly code: number;
  /** The signal number that ended it; 0 when it exited. */
  readonly signal: number;
  /** Milliseconds from its fork to its end, by the server's clock. */
  readonly ms: number;
  /** The size of its standard output file (what `stdout` holds may be less). */
  readonly outSize: number;
  /** Its standard output, up to the limit on its size. */
  readonly stdout: string;
  /** The tail of its standard error. */
  readonly stderr: string;
}

/** A reply of the server. */
export type Reply =
  | { readonly ready: { readonly protocol: number; readonly pid: number } }
  | { readonly ended: Ended }
  | { readonly error: string };

/** The request line the server reads for `req`. */
export function requestLine(req: ForkRequest): string {
  const run: [string, string][] = 'caseFile' in req.run ? [['case', req.run.caseFile]]
    : [['exec', req.run.exec], ...req.run.argv.map((a): [string, string] => ['arg', a])];
  const fields: [string, string][] = [
    ['dir', req.dir], ...(req.made ? [['made', '1'] as [string, string]] : []), ...(req.text === undefined ? [] : [['text', req.text] as [string, string]]),
    ...run, ['out', req.out], ['err', req.err], ['timeout', String(Math.max(1, Math.ceil(req.limits.timeoutMs)))],
    ...limitFields(req.limits).map(([k, v]): [string, string] => [k, String(v)]),
    ...Object.entries(req.env).map(([k, v]): [string, string] => ['env', `${k}=${v}`]),
  ];
  return `run ${fields.map(([k, v]) => `${k}=${encodeValue(v)}`).join(' ')}\n`;
}

/** An `ended` head line: its fields, and how many bytes of output and error follow it. */
interface EndedHead {
  readonly ended: Omit<Ended, 'stdout' | 'stderr'> & { readonly out: number; readonly err: number };
}

/** Cuts the server's standard output into replies, whatever chunks it arrives in. */
export class ReplyReader {
  private chunks: Buffer[] = [];
  private length = 0;
  /** The head of an `ended` reply whose bytes have not all arrived. */
  private head: EndedHead['ended'] | undefined;

  /** Takes a chunk; returns the replies it completes, in order. */
  push(chunk: Buffer): Reply[] {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const replies: Reply[] = [];
    for (;;) {
      if (this.head === undefined) {
        const nl = this.indexOfNewline();
        if (nl < 0) return replies;
        const line = this.take(nl + 1).toString('utf8', 0, nl);
        let reply: Reply | EndedHead;
        try { reply = JSON.parse(line) as Reply | EndedHead; } catch { reply = { error: `unreadable reply: ${line.slice(0, 200)}` }; }
        if (!('ended' in reply)) { replies.push(reply); continue; }
        this.head = (reply as EndedHead).ended;
      }
      const { out, err, ...rest } = this.head;
      if (this.length < out + err) return replies;
      const bytes = this.take(out + err);
      this.head = undefined;
      replies.push({ ended: { ...rest, stdout: bytes.toString('utf8', 0, out), stderr: bytes.toString('utf8', out) } });
    }
  }

  private indexOfNewline(): number {
    let base = 0;
    for (const c of this.chunks) {
      const i = c.indexOf(10);
      if (i >= 0) return base + i;
      base += c.length;
    }
    return -1;
  }

  /** The first `n` bytes held, removed. */
  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] as Buffer : Buffer.concat(this.chunks, this.length);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.length -= n;
    return all.subarray(0, n);
  }
}
