/**
 * Validation of the PT_LOAD segments, one at a time in table order, the way a loader meets them:
 * file range, sizes, address-space bounds, page congruence, then order against the previous one.
 *
 * @module
 */
import { toNumber, type ImageBytes } from './bytes.js';
import { ADDRESS_LIMIT, PF_R, PF_W, PF_X, PT_LOAD } from './constants.js';
import { fail, hex, ok, type Checked } from './defect.js';
import type { RawPhdr } from './phdrs.js';
import type { LoadSegment } from './types.js';

const LIMIT = BigInt(ADDRESS_LIMIT);

/** Checks every PT_LOAD of `phdrs` and returns them in table order. */
export function validateLoads(img: ImageBytes, phdrs: readonly RawPhdr[], pageSize: number): Checked<LoadSegment[]> {
  const raw = phdrs.filter((phdr) => phdr.p_type === PT_LOAD);
  if (raw.length === 0) return fail('no-load', `none of the ${phdrs.length} program headers is PT_LOAD`);
  const loads: LoadSegment[] = [];
  let previous: RawPhdr | undefined;
  for (const phdr of raw) {
    const checked = checkLoad(img, phdr, BigInt(pageSize));
    if (!checked.ok) return checked;
    if (previous !== undefined && phdr.p_vaddr < previous.p_vaddr + previous.p_memsz) {
      const how = phdr.p_vaddr < previous.p_vaddr ? 'comes before' : 'overlaps';
      return fail(
        'load-overlap',
        `PT_LOAD (phdr ${phdr.index}) at p_vaddr ${hex(phdr.p_vaddr)} ${how} the previous PT_LOAD ` +
          `(phdr ${previous.index}) [${hex(previous.p_vaddr)}, ${hex(previous.p_vaddr + previous.p_memsz)})`,
      );
    }
    loads.push(checked.value);
    previous = phdr;
  }
  return ok(loads);
}

function checkLoad(img: ImageBytes, phdr: RawPhdr, pageSize: bigint): Checked<LoadSegment> {
  const { index, p_offset, p_vaddr, p_filesz, p_memsz, p_align } = phdr;
  const name = `PT_LOAD (phdr ${index})`;
  if (p_offset + p_filesz > BigInt(img.size)) {
    return fail(
      'load-out-of-range',
      `${name} file range [${hex(p_offset)}, ${hex(p_offset + p_filesz)}) extends past the image size ${hex(img.size)}`,
    );
  }
  if (p_filesz > p_memsz) {
    return fail('filesz-over-memsz', `${name} p_filesz ${hex(p_filesz)} is larger than p_memsz ${hex(p_memsz)}`);
  }
  // A p_align that is not a power of two asks for no alignment (glibc ignores it); a power of two
  // beyond the address space asks for an extent no address space can hold.
  const alignAbsurd = p_align > LIMIT && (p_align & (p_align - 1n)) === 0n;
  if (p_memsz > LIMIT || p_vaddr + p_memsz > LIMIT || alignAbsurd) {
    return fail(
      'absurd-size',
      `${name} [${hex(p_vaddr)}, ${hex(p_vaddr + p_memsz)}) or p_align ${hex(p_align)} ` +
        `exceeds the ${hex(LIMIT)}-byte address space`,
    );
  }
  if (p_vaddr % pageSize !== p_offset % pageSize) {
    return fail(
      'load-misaligned',
      `${name} p_vaddr ${hex(p_vaddr)} and p_offset ${hex(p_offset)} differ modulo the page size ${hex(pageSize)}`,
    );
  }
  // Every field but a p_align that is no power of two is now below 2^47, so the conversions are exact.
  const p_flags = phdr.p_flags;
  return ok({
    p_offset: toNumber(p_offset),
    p_vaddr: toNumber(p_vaddr),
    p_filesz: toNumber(p_filesz),
    p_memsz: toNumber(p_memsz),
    p_align: p_align > LIMIT ? 0 : toNumber(p_align),
    p_flags,
    r: (p_flags & PF_R) !== 0,
    w: (p_flags & PF_W) !== 0,
    x: (p_flags & PF_X) !== 0,
  });
}
