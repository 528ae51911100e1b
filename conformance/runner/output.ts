/**
 * A case process's standard output and error, which go to two files in its directory (whether it
 * was exec'd or forked by a server) and are read once it has ended: the output up to a cap, the
 * error's tail.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** How much of standard error a run keeps (its end). */
export const STDERR_KEEP = 64 * 1024;

/** The files a process writes its standard output and error to. */
export interface OutputFiles {
  /** Standard output. */
  readonly out: string;
  /** Standard error. */
  readonly err: string;
}

/** What a process wrote. */
export interface Output {
  /** Standard output, up to the cap. */
  readonly stdout: string;
  /** The tail of standard error (the last {@link STDERR_KEEP} bytes). */
  readonly stderr: string;
  /** Whether standard output reached the cap (the driver's RLIMIT_FSIZE stops it there). */
  readonly outputCapped: boolean;
}

/** The first `max` bytes of a file, or its last `max` bytes with `tail`, and its size (nothing when it does not exist). */
function readPart(path: string, max: number, tail = false): { text: string; size: number } {
  let fd: number;
  try { fd = openSync(path, 'r'); } catch { return { text: '', size: 0 }; }
  try {
    const size = fstatSync(fd).size;
    const n = Math.min(size, max);
    const buf = Buffer.alloc(n);
    let got = 0;
    while (got < n) {
      const r = readSync(fd, buf, got, n - got, (tail ? size - n : 0) + got);
      if (r === 0) break;
      got += r;
    }
    return { text: buf.subarray(0, got).toString('utf8'), size };
  } finally {
    closeSync(fd);
  }
}

/** Reads what a process that has ended wrote to `files`, its output up to `maxOutput` bytes. */
export function readOutput(files: OutputFiles, maxOutput: number): Output {
  const out = readPart(files.out, maxOutput);
  return { stdout: out.text, stderr: readPart(files.err, STDERR_KEEP, true).text, outputCapped: out.size >= maxOutput };
}
