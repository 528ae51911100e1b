/**
 * The fork servers of a run, kept warm between cases: a case takes an idle server of its kind or
 * starts one, and gives it back when it ends, so that there are never more busy servers than
 * cases running at once. One kind of server serves every loader whose command and start-up
 * environment agree. The start-up environment is everything the dynamic loader and the C library
 * may read before `main` (LD_LIBRARY_PATH, LD_PRELOAD, GLIBC_TUNABLES …): all variables but
 * {@link LATE_ENV}, which only the driver reads, after the fork, and which each child gets as its
 * own. So host-glibc and host-glibc+memfd share servers, and so does every mutant of a loader,
 * while a loader with another library path or a preloaded library gets servers of its own.
 *
 * @module
 */
import type { ForkRequest } from './fork-protocol.js';
import { ForkServer, type ServedRun } from './fork-server.js';

/** The variables only the driver reads, after the fork: each child's own, never a server's. */
export const LATE_ENV: ReadonlySet<string> = new Set(['DLSPEC_COMPAT', 'DLSPEC_MUTANT_LIB', 'DLSPEC_MUTANT', 'TMPDIR']);

/** How many idle servers a pool keeps (the least recently used beyond are ended). */
export const DEFAULT_MAX_IDLE = 16;

/** How long a server may take to say it is ready. */
export const SERVER_START_MS = 10_000;

/** The command that starts a server: a loader's command for `driver --serve`. */
export interface ServeCommand {
  /** The program. */
  readonly file: string;
  /** Its arguments. */
  readonly args: readonly string[];
}

/** The environment a server starts with, from a case's whole environment: all but {@link LATE_ENV}. */
export function serverEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !LATE_ENV.has(k)));
}

/** The kind of server: its command and the environment it starts with. */
export function serverKey(command: ServeCommand, startEnv: Readonly<Record<string, string>>): string {
  return JSON.stringify([command.file, command.args, Object.entries(startEnv).sort(([a], [b]) => a.localeCompare(b))]);
}

/** The warm servers of a run; `close` ends them all. */
export class ServerPool {
  private readonly idle: { key: string; server: ForkServer }[] = [];
  private readonly busy = new Set<ForkServer>();
  private closed = false;

  /** A pool keeping at most `maxIdle` idle servers. */
  constructor(private readonly maxIdle = DEFAULT_MAX_IDLE) {}

  /**
   * Runs `req` on a server started with `command` and the start-up part of the case's environment
   * (`startEnv`: a launcher, whose children exec, needs none); a server that cannot start is a
   * problem.
   */
  async run(command: ServeCommand, req: ForkRequest, startEnv = serverEnv(req.env)): Promise<ServedRun | { readonly problem: string }> {
    const key = serverKey(command, startEnv);
    let index = -1;
    for (let i = this.idle.length - 1; i >= 0 && index < 0; i--) if (this.idle[i]?.key === key) index = i;
    const server = index >= 0 ? (this.idle.splice(index, 1)[0] as { server: ForkServer }).server
      : await ForkServer.start(command, startEnv, SERVER_START_MS);
    if (!(server instanceof ForkServer)) return server;
    this.busy.add(server);
    try {
      return await server.run(req);
    } finally {
      this.busy.delete(server);
      if (server.alive && !this.closed) this.idle.push({ key, server });
      else server.kill();
      while (this.idle.length > this.maxIdle) this.idle.shift()?.server.kill();
    }
  }

  /** How many servers are running (idle or busy). */
  get size(): number {
    return this.idle.length + this.busy.size;
  }

  /** Ends every server: the idle ones now, the busy ones when their case ends. */
  close(): void {
    this.closed = true;
    for (const { server } of this.idle.splice(0)) server.kill();
  }
}
