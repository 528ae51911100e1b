/**
 * Who a loader is: the C library's path, its version banner (glibc's libc.so.6 and musl's libc.so
 * both print one when run as a program) and its build id (NT_GNU_BUILD_ID from `readelf -n`, or
 * the sha256 of the file when it has none or readelf is missing).
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import type { LoaderIdentity } from './types.js';

/** What a short-lived command printed; never rejects. */
function capture(file: string, args: readonly string[], timeoutMs = 5000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, [...args], { timeout: timeoutMs, maxBuffer: 4 << 20, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LC_ALL: 'C' } },
      (_error, stdout, stderr) => resolve({ stdout: String(stdout), stderr: String(stderr) }));
  });
}

/** The build id of an ELF file: `readelf -n`'s NT_GNU_BUILD_ID, else `sha256:` of its bytes ('' when unreadable). */
export async function buildIdOf(path: string): Promise<string> {
  const notes = await capture('readelf', ['-n', path]);
  const id = /Build ID:\s*([0-9a-f]+)/.exec(notes.stdout)?.[1];
  if (id !== undefined) return id;
  try {
    return `sha256:${createHash('sha256').update(await readFile(path)).digest('hex')}`;
  } catch {
    return '';
  }
}

/**
 * The version banner a C library prints when run (`command` runs it): glibc's first line
 * ("GNU C Library … version 2.36."), or musl's two ("musl libc (x86_64) Version 1.2.3"); '' when
 * it prints neither.
 */
export async function versionBanner(command: readonly string[]): Promise<string> {
  const [file, ...args] = command;
  if (file === undefined) return '';
  const out = await capture(file, args);
  const lines = `${out.stdout}\n${out.stderr}`.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const glibc = lines.find((l) => /^GNU C Library/.test(l));
  if (glibc !== undefined) return glibc;
  const musl = lines.findIndex((l) => /^musl libc/.test(l));
  if (musl >= 0) return [lines[musl], lines[musl + 1]].filter((l) => l !== undefined).join(' ');
  return '';
}

/** The identity of the C library at `path`, its banner obtained by running `command` (default: the file itself). */
export async function libcIdentity(path: string, command: readonly string[] = [path]): Promise<LoaderIdentity> {
  const real = await realpath(path).catch(() => path);
  const [version, buildId] = await Promise.all([versionBanner(command), buildIdOf(real)]);
  return { path: real, version, buildId };
}
