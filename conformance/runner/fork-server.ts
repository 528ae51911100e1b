/**
 * A fork server: one warm driver process (`driver --serve`, DRIVER.md "Fork server") started under
 * a loader, which forks a fresh child for every case it is sent. Each child has its own process
 * group, temporary directory, environment and limits; its standard output and error go to files
 * in its directory, read once the server says how it ended. The server times the case out itself
 * and kills the child's whole process group; a watchdog here ends a server that stops answering.
 * Nothing here throws: a server that cannot start is a problem, a case it cannot run a
 * `spawnError`.
 *
 * @module
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { constants, tmpdir } from 'node:os';
import { encodeValue } from '../lower/values.js';
import { driverProtocolVersion } from '../protocol.js';
import { type Limits, limitFields } from './limits.js';
import { type OutputFiles, readOutput } from './output.js';
import { killGroup, type RawRun } from './spawn.js';

/** How long after its timeout a case may go unanswered before its server is killed. */
export const WATCHDOG_GRACE_MS = 5000;

/**
 * One case for a server: the child runs `caseFile` itself, or execs `exec` (the server is then a
 * launcher); its standard output and error go to `out` and `err`.
 */
export interface ForkRequest extends OutputFiles {
  /** The case's directory: its working directory. */
  readonly dir: string;
  /** The case file the child runs, or what it execs: a program and its whole argv. */
  readonly run: { readonly caseFile: string } | { readonly exec: string; readonly argv: readonly string[] };
  /** Its whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Its limits (the timeout included). */
  readonly limits: Limits;
  /** Kill it when this signal aborts. */
  readonly signal?: AbortSignal;
}

/** The server's reply lines; `next` is the child forked ahead that takes the next request. */
type Reply =
  | { readonly ready: { readonly protocol: number; readonly pid: number; readonly next: number } }
  | { readonly ended: { readonly pid: number; readonly timeout: boolean; readonly code: number; readonly signal: number; readonly next: number } }
  | { readonly error: string };

/** The name of signal number `n`, as Node names the signal that ended a process it spawned. */
export function signalName(n: number): string {
  return Object.entries(constants.signals).find(([, v]) => v === n)?.[0] ?? `SIG${n}`;
}

/** The request line the server reads for `req`. */
export function requestLine(req: ForkRequest): string {
  const run: [string, string][] = 'caseFile' in req.run ? [['case', req.run.caseFile]]
    : [['exec', req.run.exec], ...req.run.argv.map((a): [string, string] => ['arg', a])];
  const fields: [string, string][] = [
    ['dir', req.dir], ...run, ['out', req.out], ['err', req.err], ['timeout', String(Math.max(1, Math.ceil(req.limits.timeoutMs)))],
    ...limitFields(req.limits).map(([k, v]): [string, string] => [k, String(v)]),
    ...Object.entries(req.env).map(([k, v]): [string, string] => ['env', `${k}=${v}`]),
  ];
  return `run ${fields.map(([k, v]) => `${k}=${encodeValue(v)}`).join(' ')}\n`;
}

/** A running fork server. */
export class ForkServer {
  private buffer = '';
  private listener: ((reply: Reply | undefined) => void) | undefined;
  private exited = false;
  private stderrTail = '';
  /** The child that takes the next request (its process group is the case's). */
  private next: number | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { this.stderrTail = (this.stderrTail + chunk).slice(-4000); });
    child.stdin.on('error', () => undefined); // the server died: its exit says so
    const gone = (): void => { this.exited = true; this.listener?.(undefined); };
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
        server.next = reply.ready.next;
        resolve(server);
      };
    });
  }

  /** Whether the server can take another case. */
  get alive(): boolean {
    return !this.exited;
  }

  /** Ends the server (it has no case running, or the case dies with it). */
  kill(): void {
    this.child.stdin.end();
    killGroup(this.child.pid);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      let reply: Reply;
      try { reply = JSON.parse(line) as Reply; } catch { reply = { error: `unreadable reply: ${line.slice(0, 200)}` }; }
      this.listener?.(reply);
    }
  }

  /** Runs one case and resolves with what its process did. */
  run(req: ForkRequest): Promise<RawRun> {
    const t0 = performance.now();
    const maxOutput = req.limits.fileSizeKiB * 1024;
    return new Promise((resolve) => {
      const pid = this.next;
      let aborted = false;
      let stuck = false;
      const killCase = (): void => killGroup(pid);
      const onAbort = (): void => { aborted = true; killCase(); };
      const finish = (raw: Omit<RawRun, 'ms' | 'aborted' | 'stdout' | 'stderr' | 'outputCapped'> & { spawnError?: string }): void => {
        clearTimeout(watchdog);
        req.signal?.removeEventListener('abort', onAbort);
        this.listener = undefined;
        resolve({ ...raw, ...readOutput(req, maxOutput), aborted, ms: performance.now() - t0 });
      };
      const watchdog = setTimeout(() => { stuck = true; killCase(); this.kill(); }, req.limits.timeoutMs + WATCHDOG_GRACE_MS);
      req.signal?.addEventListener('abort', onAbort);
      this.listener = (reply) => {
        if (reply === undefined) {
          if (stuck) return finish({ code: null, signal: 'SIGKILL', timedOut: true });
          return finish({ code: null, signal: null, timedOut: false, spawnError: `the fork server exited${this.stderrTail === '' ? '' : `; stderr: ${this.stderrTail.trim().split('\n').slice(-3).join(' | ')}`}` });
        }
        if ('ended' in reply) {
          const { timeout, code, signal, next } = reply.ended;
          this.next = next;
          finish({ code: signal === 0 ? code : null, signal: signal === 0 ? null : signalName(signal), timedOut: timeout });
        } else {
          finish({ code: null, signal: null, timedOut: false, spawnError: `the fork server refused the case: ${'error' in reply ? reply.error : JSON.stringify(reply)}` });
        }
      };
      if (this.exited) return this.listener(undefined);
      this.child.stdin.write(requestLine(req));
      if (req.signal?.aborted === true) onAbort();
    });
  }
}
