/**
 * Failure clusters: the FAIL and XFAIL results of each loader grouped by the signature of their
 * first divergence (the operation called, the divergence kind, the signal, exit status or errno
 * observed, and the clauses broken), so that one loader bug that shows up as dozens of failures
 * reads as one line with its size, the clauses it keeps the run from judging, and one command
 * that reproduces it.
 *
 * @module
 */
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { ProfileId } from '../../model/world/world.js';
import { libcDirIds } from '../loaders/libc-dir.js';
import type { DivergenceKind, VerdictKind } from '../oracle/types.js';
import { type ClauseCell, resultCells } from './cells.js';
import type { ResultEntry } from './types.js';

/** What the results of one cluster have in common. */
export interface ClusterSignature {
  /** The operation called at the divergence (`dlmem`, `fdlopen`, `dlsym`, `exit`, …). */
  readonly call: string;
  /** The divergence kind (`none` for a failure that recorded no divergence). */
  readonly kind: DivergenceKind | 'none';
  /** The signal, exit status, timeout, fault or errno observed (`SIGSEGV`, `exit 127`, `timeout`, `errno 22`), when one shows. */
  readonly shown?: string;
  /** The clauses the divergence broke, sorted. */
  readonly violated: readonly ClauseId[];
}

/** One result of a cluster. */
export interface ClusterMember {
  /** The case id. */
  readonly case: string;
  /** The profile it was checked in. */
  readonly profile: ProfileId | null;
  /** FAIL or XFAIL. */
  readonly verdict: VerdictKind;
}

/** Failures of one loader that share a signature. */
export interface FailureCluster {
  /** The loader id. */
  readonly loader: string;
  /** What its results have in common. */
  readonly signature: ClusterSignature;
  /** How many results it holds. */
  readonly size: number;
  /** Its results, by case id then profile. */
  readonly cases: readonly ClusterMember[];
  /**
   * The clauses its results left NOT-REACHED and that no result of the loader judged (PASS,
   * FAIL, XFAIL or UNSPECIFIED): what fixing this failure would let the run judge, sorted.
   */
  readonly notReached: readonly ClauseId[];
  /** The `dlspec repro` command of its representative result (the earliest divergence in the shortest trace). */
  readonly repro: string;
}

/** Cells that say a requirement citing the clause was evaluated. */
const JUDGED_CELLS: ReadonlySet<ClauseCell> = new Set<ClauseCell>(['PASS', 'FAIL', 'XFAIL', 'UNSPECIFIED']);

/**
 * The operation of a call as the oracle writes it (model/script/format.ts): the name before `(`
 * once an `x = ` assignment is dropped (`h = dlmem(src, …)` → `dlmem`), `read` and `write` for
 * `*sym` and `*sym = v`, else the first word (`exit`).
 */
export function callOperation(call: string): string {
  const text = call.trim().replace(/^[A-Za-z_]\w*\s*=\s*(?!=)/, '');
  const named = /^([A-Za-z_]\w*)\s*\(/.exec(text);
  if (named?.[1] !== undefined) return named[1];
  if (text.startsWith('*')) return /^\*[^=]*=/.test(text) ? 'write' : 'read';
  return text.split(/[\s(]/)[0] ?? '';
}

/**
 * The signal, exit status, timeout, fault or errno a divergence shows, read from its observed text
 * (falling back to its detail) with quoted dlerror messages left out: `SIGSEGV`, `exit 127`,
 * `timeout`, `fault`, `errno 22`; undefined when none shows.
 */
export function shownFault(observed: string, detail = ''): string | undefined {
  for (const raw of [observed, detail]) {
    const text = raw.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const signal = /killed by (\w+)/.exec(text);
    if (signal?.[1] !== undefined) return signal[1];
    const exit = /\bexit(?:ed with status)? (-?\d+)/.exec(text);
    if (exit?.[1] !== undefined) return `exit ${exit[1]}`;
    if (/\b(?:timed out|no answer within)\b/.test(text)) return 'timeout';
    if (/(?:^| · )fault\b/.test(text)) return 'fault';
    const errno = /\berrno (-?\d+)/.exec(text);
    if (errno?.[1] !== undefined) return `errno ${errno[1]}`;
  }
  return undefined;
}

/** The signature of a failed result. */
export function clusterSignature(r: ResultEntry): ClusterSignature {
  const d = r.divergence;
  if (d === undefined) return { call: '(none)', kind: 'none', violated: [] };
  const shown = shownFault(d.observed, d.detail);
  return { call: callOperation(d.call), kind: d.kind, ...(shown === undefined ? {} : { shown }), violated: [...d.violated].sort() };
}

/** A signature as one line of text: `dlmem unexpected-signal SIGSEGV`. */
export function signatureText(s: ClusterSignature): string {
  return `${s.call} ${s.kind}${s.shown === undefined ? '' : ` ${s.shown}`}`;
}

/** `arg` quoted for a POSIX shell when it needs it. */
function shellArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `dlspec repro` command of `r`: `--loader ID` for a named loader, `--libc DIR` for a
 * `glibc:<name>` loader (the directory of `libcDirs` whose id it is; its name when none is),
 * with `--profile` when the result has one.
 */
export function reproCommand(r: Pick<ResultEntry, 'case' | 'loader' | 'profile'>, libcDirs: readonly string[]): string {
  const args = ['npx', 'dlspec', 'repro', r.case];
  if (r.loader.startsWith('glibc:')) {
    const ids = libcDirIds(libcDirs);
    const dir = libcDirs[ids.indexOf(r.loader)] ?? r.loader.slice('glibc:'.length).replace(/~\d+$/, '');
    args.push('--libc', dir);
  } else {
    args.push('--loader', r.loader);
  }
  if (r.profile !== null) args.push('--profile', r.profile);
  return args.map(shellArg).join(' ');
}

/** The member whose repro is simplest: the earliest divergence, then the shortest trace, then the case id. */
function representative(members: readonly ResultEntry[]): ResultEntry | undefined {
  const rank = (r: ResultEntry): [number, number, string] => [r.divergence?.step ?? Infinity, r.steps.length, `${r.case}\u0000${r.profile ?? ''}`];
  return [...members].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
  })[0];
}

/**
 * The failure clusters of `results` (after expectations: FAIL and XFAIL results), largest first;
 * `libcDirs` are the run's `--libc` directories, for the repro commands of `glibc:` loaders.
 */
export function clusterFailures(results: readonly ResultEntry[], libcDirs: readonly string[] = []): FailureCluster[] {
  const groups = new Map<string, { loader: string; signature: ClusterSignature; members: ResultEntry[] }>();
  const judged = new Map<string, Set<ClauseId>>();
  const cellsOf = new Map<ResultEntry, Partial<Record<ClauseId, ClauseCell>>>();
  for (const r of results) {
    const cells = r.cells ?? resultCells(r);
    cellsOf.set(r, cells);
    const seen = judged.get(r.loader) ?? new Set<ClauseId>();
    judged.set(r.loader, seen);
    for (const [c, cell] of Object.entries(cells) as [ClauseId, ClauseCell][]) if (JUDGED_CELLS.has(cell)) seen.add(c);
    if (r.verdict !== 'FAIL' && r.verdict !== 'XFAIL') continue;
    const signature = clusterSignature(r);
    const key = JSON.stringify([r.loader, signature.call, signature.kind, signature.shown ?? null, signature.violated]);
    const group = groups.get(key) ?? { loader: r.loader, signature, members: [] };
    groups.set(key, group);
    group.members.push(r);
  }
  const clusters = [...groups.values()].map(({ loader, signature, members }): FailureCluster => {
    const notReached = new Set<ClauseId>();
    for (const m of members) {
      for (const [c, cell] of Object.entries(cellsOf.get(m) ?? {}) as [ClauseId, ClauseCell][]) {
        if (cell === 'NOT-REACHED' && judged.get(loader)?.has(c) !== true) notReached.add(c);
      }
    }
    const cases = members.map((m) => ({ case: m.case, profile: m.profile, verdict: m.verdict }))
      .sort((a, b) => a.case.localeCompare(b.case) || (a.profile ?? '').localeCompare(b.profile ?? ''));
    const rep = representative(members) ?? members[0] as ResultEntry;
    return { loader, signature, size: members.length, cases, notReached: [...notReached].sort(), repro: reproCommand(rep, libcDirs) };
  });
  return clusters.sort((a, b) => b.size - a.size || a.loader.localeCompare(b.loader) ||
    signatureText(a.signature).localeCompare(signatureText(b.signature)) || a.signature.violated.join().localeCompare(b.signature.violated.join()));
}

/**
 * One line per cluster for a console, at most `limit` of them, then `… and N more clusters`:
 * `<loader>  <size>× <call> <kind> <shown>  broke <clauses>  not reached <n>  → <repro>`.
 */
export function clusterLines(clusters: readonly FailureCluster[], limit = 10): string[] {
  const shown = clusters.slice(0, limit);
  const width = Math.max(0, ...shown.map((c) => c.loader.length));
  const lines = shown.map((c) => `${c.loader.padEnd(width)}  ${c.size}× ${signatureText(c.signature)}  ` +
    `broke ${c.signature.violated.length === 0 ? '(none)' : c.signature.violated.join(', ')}  not reached ${c.notReached.length}  → ${c.repro}`);
  const rest = clusters.length - shown.length;
  if (rest > 0) lines.push(`… and ${rest} more cluster${rest === 1 ? '' : 's'}`);
  return lines;
}
