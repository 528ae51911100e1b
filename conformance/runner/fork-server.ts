/**
 * A fork server: one warm driver process (`driver --serve`, DRIVER.md "Fork server") started under
 * a loader, which forks a fresh child for every case it is sent. Each child has its own process
 * group, directory (the server makes it, and removes it once it has answered), environment and
 * limits; what it wrote to its standard output and error comes back in the server's reply. The
 * server times the case out itself and kills the child's whole process group; when the run is
 * interrupted, or the server stops answering (a watchdog), the server is stopped and killed with
 * its children's groups. Nothing here throws: a server that cannot start is a problem, a case it
 * cannot run a `spawnError`.
 *
 * @module
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { driverProtocolVersion } from '../protocol.js';
import { type ForkRequest, type Reply, ReplyReader, requestLine } from './fork-protocol.js';
import { readOutput } from './output.js';
import { killGroup, type RawRun } from './spawn.js';

/** How long after its timeout a case may go unanswered before its server is killed. */
export const WATCHDOG_GRACE_MS = 5000;

/** The children of process `pid` (Linux's /proc/PID/task/PID/children), none when it cannot say. */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter((w) => w !== '').map(Number);
  } catch {
    return [];
  }
}

/** The name of signal number `n`, as Node names the signal that ended a process it spawned. */
export function signalName(n: number): string {
  return Object.entries(constants.signals).find(([, v]) => v === n)?.[0] ?? `SIG${n}`;
}

/** A request sent and not yet answered: what to do with its reply, and how to start its watchdog. */
interface Pending {
  /** Takes the reply to the request, or `undefined` when the server is gone. */
  readonly deliver: (reply: Reply | undefined) => void;
  /** Starts the watchdog: the server has begun the request (it heads the queue). */
  readonly begin: () => void;
}

/** What a case's process did, and whether the server removed its directory. */
export type ServedRun = RawRun & { readonly dirRemoved: boolean };

/**
 * A running fork server. Requests may queue: the server takes them in order, one child at a time,
 * and each reply answers the oldest request outstanding.
 */
export class ForkServer {
  private readonly reader = new ReplyReader();
  /** The start-up handshake's listener, until the server is ready. */
  private listener: ((reply: Reply | undefined) => void) | undefined;
  private readonly queue: Pending[] = [];
  private exited = false;
  private stderrTail = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { this.stderrTail = (this.stderrTail + chunk).slice(-4000); });
    child.stdin.on('error', () => undefined); // the server died: its exit says so
    const gone = (): void => {
      if (this.exited) return;
      this.exited = true;
      this.listener?.(undefined);
      for (const p of this.queue.splice(0)) p.deliver(undefined);
    };
    child.on('exit', gone);
    child.on('error', gone);
  }

  /** Starts `file args` (a loader's `--serve` command) with `env` and waits for it to say it is ready. */
  static start(command: { readonly file: string; readonly args: readonly string[] }, env: Readonly<Record<string, string>>, timeoutMs: number): Promise<ForkServer | { readonly problem: string }> {
    return new Promise((resolve) => {
      const child = spawn(command.file, [...command.args], { cwd: tmpdir(), env: { ...env }, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
      const server = new ForkServer(child);
      const fail = (why: string): void => { clearTimeout(timer); server.kill(); resolve({ problem: `the fork server (${[command.file, ...command.args].join(' ')}) ${why}` }); };
      const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
      server.listener = (reply) => {
        if (reply === undefined) return fail(`exited before it was ready${server.stderrTail === '' ? '' : `; stderr: ${server.stderrTail.trim().split('\n').slice(-3).join(' | ')}`}`);
        if (!('ready' in reply)) return fail(`said ${JSON.stringify(reply)} before it was ready`);
        if (reply.ready.protocol !== driverProtocolVersion) return fail(`speaks protocol ${reply.ready.protocol}, the harness ${driverProtocolVersion}`);
        clearTimeout(timer);
        server.listener = undefined;
        resolve(server);
      };
    });
  }

  /** Whether the server can take another case. */
  get alive(): boolean {
    return !this.exited;
  }

  /** How many requests the server has not answered yet. */
  get outstanding(): number {
    return this.queue.length;
  }

  /** Ends the server (it has no case running, or the case dies with it). */
  kill(): void {
    this.child.stdin.end();
    killGroup(this.child.pid);
  }

  /**
   * Ends the server now, with the case it runs: stopped first, so that it reaps nothing and
   * forks nothing more, then the process group of each of its children, then the server. Every
   * outstanding request ends with it.
   */
  killNow(): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exited) return;
    try { process.kill(pid, 'SIGSTOP'); } catch { /* already gone */ }
    for (const c of childrenOf(pid)) killGroup(c);
    this.kill();
  }

  private onData(chunk: Buffer): void {
    for (const reply of this.reader.push(chunk)) {
      if (this.listener !== undefined) this.listener(reply);
      else {
        this.queue.shift()?.deliver(reply);
        this.queue[0]?.begin();
      }
    }
  }

  private gone(): string {
    return `the fork server exited${this.stderrTail === '' ? '' : `; stderr: ${this.stderrTail.trim().split('\n').slice(-3).join(' | ')}`}`;
  }

  /**
   * Runs one case, after those the server has not answered yet, and resolves with what its
   * process did. When `req.signal` aborts, the server is ended with every case it holds; a server
   * that does not answer within the case's timeout and {@link WATCHDOG_GRACE_MS} of beginning it
   * is ended too.
   */
  run(req: ForkRequest): Promise<ServedRun> {
    const t0 = performance.now();
    const maxOutput = req.limits.fileSizeKiB * 1024;
    return new Promise((resolve) => {
      let aborted = false;
      let stuck = false;
      let watchdog: NodeJS.Timeout | undefined;
      const onAbort = (): void => { aborted = true; this.killNow(); };
      type Ending = Omit<RawRun, 'ms' | 'aborted'>;
      const finish = (raw: Ending, dirRemoved: boolean): void => {
        clearTimeout(watchdog);
        req.signal?.removeEventListener('abort', onAbort);
        resolve({ ...raw, aborted, dirRemoved, ms: performance.now() - t0 });
      };
      // Without a reply, what the process wrote is in its files, if anywhere.
      const unanswered = (end: Omit<Ending, keyof ReturnType<typeof readOutput>>): void => finish({ ...end, ...readOutput(req, maxOutput) }, false);
      const deliver = (reply: Reply | undefined): void => {
        if (reply === undefined) {
          if (stuck) return unanswered({ code: null, signal: 'SIGKILL', timedOut: true });
          if (aborted) return unanswered({ code: null, signal: 'SIGKILL', timedOut: false });
          return unanswered({ code: null, signal: null, timedOut: false, spawnError: this.gone() });
        }
        if ('ended' in reply) {
          const { timeout, code, signal, stdout, stderr, outSize } = reply.ended;
          const how = { code: signal === 0 ? code : null, signal: signal === 0 ? null : signalName(signal), timedOut: timeout };
          return finish({ ...how, stdout, stderr, outputCapped: outSize >= maxOutput }, true);
        }
        unanswered({ code: null, signal: null, timedOut: false, spawnError: `the fork server refused the case: ${'error' in reply ? reply.error : JSON.stringify(reply)}` });
      };
      const begin = (): void => { watchdog = setTimeout(() => { stuck = true; this.killNow(); }, req.limits.timeoutMs + WATCHDOG_GRACE_MS); };
      if (this.exited) return deliver(undefined);
      this.queue.push({ deliver, begin });
      if (this.queue.length === 1) begin();
      req.signal?.addEventListener('abort', onAbort);
      this.child.stdin.write(requestLine(req));
      if (req.signal?.aborted === true) onAbort();
    });
  }
}
