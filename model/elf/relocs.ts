/**
 * Which symbols are referenced only through the PLT: those whose every relocation is an
 * R_X86_64_JUMP_SLOT in DT_JMPREL. RTLD_LAZY binds those at their first call; any other
 * reference (DT_RELA: R_X86_64_GLOB_DAT, R_X86_64_64, ...) is bound at load time. Each table walk
 * is bounded by its size tag and by the bytes the file holds.
 *
 * @module
 */
import { toSafe, u32, type ImageBytes } from './bytes.js';
import { DT_JMPREL, DT_PLTRELSZ, DT_RELA, DT_RELASZ, RELA_SIZE, R_X86_64_JUMP_SLOT } from './dyn-constants.js';
import { fail, hex, ok, type Checked } from './defect.js';
import type { DynamicTable } from './dynamic.js';
import type { LoadSegment } from './types.js';
import { entriesWithin, spanAt } from './vaddr.js';

interface Walk {
  /** Symbol indices referenced by an R_X86_64_JUMP_SLOT of DT_JMPREL. */
  slots: Set<number>;
  /** Symbol indices referenced by any other relocation. */
  others: Set<number>;
}

/** The symbol indices referenced only by R_X86_64_JUMP_SLOT relocations of DT_JMPREL. */
export function pltOnlySymbols(
  img: ImageBytes, loads: readonly LoadSegment[], table: DynamicTable,
): Checked<ReadonlySet<number>> {
  const walk: Walk = { slots: new Set(), others: new Set() };
  const jmprel = table.values.get(DT_JMPREL);
  const pltrelsz = table.values.get(DT_PLTRELSZ) ?? 0n;
  const plt = jmprel === undefined ? ok(undefined) : walkTable(img, loads, 'DT_JMPREL', jmprel, pltrelsz, walk, true);
  if (!plt.ok) return plt;
  const rela = table.values.get(DT_RELA);
  if (rela !== undefined) {
    // Some linkers count DT_JMPREL inside DT_RELASZ; entries inside DT_JMPREL are read once, above.
    const skip = jmprel === undefined ? undefined : { from: jmprel, to: jmprel + pltrelsz };
    const dyn = walkTable(img, loads, 'DT_RELA', rela, table.values.get(DT_RELASZ) ?? 0n, walk, false, skip);
    if (!dyn.ok) return dyn;
  }
  return ok(new Set([...walk.slots].filter((index) => !walk.others.has(index))));
}

function walkTable(
  img: ImageBytes, loads: readonly LoadSegment[], name: string, address: bigint, size: bigint,
  walk: Walk, isPlt: boolean, skip?: { from: bigint; to: bigint },
): Checked<undefined> {
  if (size === 0n) return ok(undefined);
  const span = spanAt(loads, address);
  if (span === undefined) {
    return fail(
      'dynamic-out-of-range',
      `${name} ${hex(address)} (size ${hex(size)}) is not in the file-backed part of any PT_LOAD`,
    );
  }
  const count = entriesWithin(span, size, RELA_SIZE);
  const base = toSafe(address) ?? 0;
  for (let i = 0; i < count; i++) {
    const vaddr = BigInt(base + i * RELA_SIZE);
    if (skip !== undefined && vaddr >= skip.from && vaddr < skip.to) continue;
    const at = span.offset + i * RELA_SIZE;
    const type = u32(img, at + 8) ?? 0;
    const symbol = u32(img, at + 12) ?? 0;
    if (symbol === 0) continue;
    (isPlt && type === R_X86_64_JUMP_SLOT ? walk.slots : walk.others).add(symbol);
  }
  return ok(undefined);
}
