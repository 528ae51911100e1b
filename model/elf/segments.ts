/**
 * The other program headers a loader acts on: PT_DYNAMIC, PT_GNU_RELRO, PT_TLS and PT_GNU_STACK.
 * When one occurs twice the last wins, as in glibc.
 *
 * @module
 */
import { toNumber } from './bytes.js';
import { ADDRESS_LIMIT, PF_X, PT_DYNAMIC, PT_GNU_RELRO, PT_GNU_STACK, PT_TLS } from './constants.js';
import { fail, hex, ok, type Checked } from './defect.js';
import type { RawPhdr } from './phdrs.js';
import type { RelroRange, TlsTemplate } from './types.js';

const LIMIT = BigInt(ADDRESS_LIMIT);

/** The PT_DYNAMIC segment: where the dynamic section is once loaded, and its size in the file. */
export interface DynamicSegment {
  /** Its p_vaddr. */
  vaddr: number;
  /** Its p_filesz. */
  filesz: number;
}

/** What the non-PT_LOAD program headers say. */
export interface SpecialSegments {
  /** PT_DYNAMIC, when present with a non-zero p_filesz. */
  dynamic?: DynamicSegment;
  /** PT_GNU_RELRO. */
  relro?: RelroRange;
  /** PT_TLS. */
  tls?: TlsTemplate;
  /** PF_X of PT_GNU_STACK; undefined without one. */
  stackExec: boolean | undefined;
}

/** Reads PT_DYNAMIC, PT_GNU_RELRO, PT_TLS and PT_GNU_STACK; their ranges must fit the address space. */
export function readSpecialSegments(phdrs: readonly RawPhdr[]): Checked<SpecialSegments> {
  const found: SpecialSegments = { stackExec: undefined };
  for (const phdr of phdrs) {
    if (phdr.p_type === PT_GNU_STACK) {
      found.stackExec = (phdr.p_flags & PF_X) !== 0;
      continue;
    }
    if (phdr.p_type !== PT_DYNAMIC && phdr.p_type !== PT_GNU_RELRO && phdr.p_type !== PT_TLS) continue;
    if (phdr.p_memsz > LIMIT || phdr.p_filesz > LIMIT || phdr.p_vaddr + phdr.p_memsz > LIMIT || phdr.p_align > LIMIT) {
      return fail(
        'segment-out-of-range',
        `phdr ${phdr.index} (p_type ${hex(phdr.p_type)}) [${hex(phdr.p_vaddr)}, +${hex(phdr.p_memsz)}) ` +
          `p_filesz ${hex(phdr.p_filesz)} p_align ${hex(phdr.p_align)} exceeds the address space`,
      );
    }
    const vaddr = toNumber(phdr.p_vaddr);
    if (phdr.p_type === PT_DYNAMIC) {
      // glibc: a PT_DYNAMIC with p_filesz 0, or at p_vaddr 0 (l_ld is then NULL before
      // relocation), is "object file has no dynamic section".
      if (phdr.p_filesz === 0n || phdr.p_vaddr === 0n) delete found.dynamic;
      else found.dynamic = { vaddr, filesz: toNumber(phdr.p_filesz) };
    } else if (phdr.p_type === PT_GNU_RELRO) {
      found.relro = { vaddr, memsz: toNumber(phdr.p_memsz) };
    } else {
      found.tls = {
        vaddr, filesz: toNumber(phdr.p_filesz), memsz: toNumber(phdr.p_memsz), align: toNumber(phdr.p_align),
      };
    }
  }
  return ok(found);
}
