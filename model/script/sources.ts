/**
 * The kinds of memory a dlmem image can be read from, and the caller steps that make each one:
 * the `source` dimension of case files and the source letters of the explorer both use them.
 *
 * @module
 */
import type { Call } from '../types/calls.js';

const RO = { r: true, w: false, x: false } as const;
const RW = { r: true, w: true, x: false } as const;

/** Every source kind, in the order reports list them. */
export const SOURCE_KINDS = ['file-r', 'file-rw', 'file-shared', 'anon', 'anon-shared', 'heap', 'memfd', 'container'] as const;

/** One of {@link SOURCE_KINDS}. */
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * The steps that make region `as` hold `image` from the source kind `kind`, or undefined when
 * that kind cannot hold it (a container holds only `plain`, at byte 4096: conformance/fixtures).
 */
export function sourceSteps(kind: string, as: string, image: string): readonly Call[] | undefined {
  const content = { image };
  switch (kind) {
    case 'file-r': return [{ type: 'mmap-file', as, file: content, prot: RO, shared: false }];
    case 'file-rw': return [{ type: 'mmap-file', as, file: content, prot: RW, shared: false }];
    case 'file-shared': return [{ type: 'mmap-file', as, file: content, prot: RO, shared: true }];
    case 'memfd': return [{ type: 'memfd', as, content, prot: RO }];
    case 'heap': return [{ type: 'malloc', as, content }];
    case 'anon': case 'anon-shared':
      return [{ type: 'mmap-anon', as, length: 'image', image, prot: RW, shared: kind === 'anon-shared' }, { type: 'copy-in', region: as, content }];
    case 'container': return image === 'plain' ? [{ type: 'mmap-file', as, file: { container: image, at: 4096 }, prot: RO, shared: false }] : undefined;
    default: return undefined;
  }
}

/** The byte offset of the image within a source of kind `kind` (a container holds it at 4096). */
export function sourceOffset(kind: string): number {
  return kind === 'container' ? 4096 : 0;
}
