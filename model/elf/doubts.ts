/**
 * Oddities of an image that the reader otherwise accepts, for which a loader's dlopen may reject
 * the file though no clause of SPEC.md names them: an e_ident or e_version that is not the
 * current version, an OS ABI other than System V or GNU, a non-zero ABI version or e_ident
 * padding (glibc checks each of these, musl none), DF_1_NOOPEN (glibc refuses to dlopen such an
 * object), a symbol table without DT_HASH or DT_GNU_HASH (a loader cannot look its symbols up, so
 * relocations against them fail), DT_FILTER or DT_AUXILIARY (glibc loads the named filtee as a
 * dependency, which the model does not model), a PT_GNU_RELRO range outside every PT_LOAD (glibc
 * fails when it cannot make it read-only), and symbol version records of a version other than 1 or outside the image. dlmem
 * treats them as dlopen of the same bytes does on the same loader
 * (dlmem.elf.dlopen-equivalence), which the model cannot know: each one is a way to fail that
 * the model leaves open beside the load.
 *
 * @module
 */
import { u16, u32, u8, type ImageBytes } from './bytes.js';
import { EI_VERSION, EV_CURRENT } from './constants.js';
import { DT_FLAGS_1, DT_GNU_HASH, DT_HASH, DT_SYMTAB, DT_VERDEF, DT_VERNEED } from './dyn-constants.js';
import { hex } from './defect.js';
import type { ClauseId } from '../../spec/clause-ids.gen.js';
import type { DynamicTable } from './dynamic.js';
import type { LoadSegment, RelroRange } from './types.js';
import { spanAt } from './vaddr.js';

/** The kinds of oddity told apart. */
export type DoubtKind = 'bad-ident' | 'noopen' | 'bad-versions' | 'no-hash' | 'filter' | 'relro-outside';

/** An oddity: a reason a loader's dlopen may have to reject an image the reader accepts. */
export interface ElfDoubt {
  /** Its kind. */
  readonly kind: DoubtKind;
  /** The clause the outcome rests on (dlmem.elf.dlopen-equivalence). */
  readonly clause: ClauseId;
  /** What was found. */
  readonly detail: string;
}

/** DF_1_NOOPEN: the object may not be loaded by dlopen. */
export const DF_1_NOOPEN = 0x40;

/** e_ident[EI_OSABI] values a loader accepts everywhere: ELFOSABI_SYSV and ELFOSABI_GNU. */
const OSABIS: readonly number[] = [0, 3];

const doubt = (kind: DoubtKind, detail: string): ElfDoubt => ({ kind, clause: 'dlmem.elf.dlopen-equivalence', detail });

/** The oddities of the ELF header. */
export function headerDoubts(img: ImageBytes): ElfDoubt[] {
  const found: string[] = [];
  const identVersion = u8(img, EI_VERSION) ?? 0;
  if (identVersion !== EV_CURRENT) found.push(`e_ident[EI_VERSION] is ${identVersion}, not EV_CURRENT`);
  const osabi = u8(img, 7) ?? 0;
  if (!OSABIS.includes(osabi)) found.push(`e_ident[EI_OSABI] is ${osabi}, neither ELFOSABI_SYSV nor ELFOSABI_GNU`);
  const abiVersion = u8(img, 8) ?? 0;
  if (abiVersion !== 0) found.push(`e_ident[EI_ABIVERSION] is ${abiVersion}`);
  for (let i = 9; i < 16; i++) {
    if ((u8(img, i) ?? 0) !== 0) { found.push(`e_ident padding byte ${i} is not zero`); break; }
  }
  const version = u32(img, 20) ?? 0;
  if (version !== EV_CURRENT) found.push(`e_version is ${version}, not EV_CURRENT`);
  return found.length === 0 ? [] : [doubt('bad-ident', found.join('; '))];
}

/** The oddities of the dynamic section: DF_1_NOOPEN, no hash table, and version records a loader cannot read. */
export function dynamicDoubts(img: ImageBytes, loads: readonly LoadSegment[], table: DynamicTable): ElfDoubt[] {
  const out: ElfDoubt[] = [];
  const flags1 = table.values.get(DT_FLAGS_1) ?? 0n;
  if ((flags1 & BigInt(DF_1_NOOPEN)) !== 0n) out.push(doubt('noopen', `DT_FLAGS_1 ${hex(flags1)} has DF_1_NOOPEN`));
  for (const [tag, name] of [[DT_FILTER, 'DT_FILTER'], [DT_AUXILIARY, 'DT_AUXILIARY']] as const) {
    if (table.values.has(tag)) out.push(doubt('filter', `${name} names a filtee, which a loader may load as a dependency`));
  }
  if (table.values.has(DT_SYMTAB) && !table.values.has(DT_HASH) && !table.values.has(DT_GNU_HASH)) {
    out.push(doubt('no-hash', 'DT_SYMTAB without DT_HASH or DT_GNU_HASH: no symbol can be looked up'));
  }
  for (const [tag, name] of [[DT_VERNEED, 'DT_VERNEED'], [DT_VERDEF, 'DT_VERDEF']] as const) {
    const at = table.values.get(tag);
    if (at === undefined) continue;
    const span = spanAt(loads, at);
    const version = span === undefined || span.available < 2 ? undefined : u16(img, span.offset);
    if (version !== 1) {
      out.push(doubt('bad-versions', version === undefined ? `${name} ${hex(at)} is not in the file-backed part of any PT_LOAD` : `${name}'s first record has version ${version}, not 1`));
    }
  }
  return out;
}

/** DT_AUXILIARY: an auxiliary filtee. */
export const DT_AUXILIARY = 0x7ffffffd;

/** DT_FILTER: a standard filtee. */
export const DT_FILTER = 0x7fffffff;

/** A PT_GNU_RELRO range that no PT_LOAD holds: a loader may fail to make it read-only. */
export function relroDoubts(relro: RelroRange | undefined, loads: readonly LoadSegment[]): ElfDoubt[] {
  if (relro === undefined || relro.memsz === 0) return [];
  const inside = loads.some((l) => relro.vaddr >= l.p_vaddr && relro.vaddr + relro.memsz <= l.p_vaddr + l.p_memsz);
  return inside ? [] : [doubt('relro-outside', `PT_GNU_RELRO [${hex(relro.vaddr)}, +${hex(relro.memsz)}) is not inside one PT_LOAD`)];
}
