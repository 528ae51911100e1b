/**
 * The facts of the dynamic section the model uses: names (DT_NEEDED, DT_SONAME, DT_RUNPATH,
 * DT_RPATH), flags, which tables are present, constructors and text relocations.
 *
 * @module
 */
import { toSafe } from './bytes.js';
import {
  DF_1_NOW, DF_BIND_NOW, DF_TEXTREL, DT_BIND_NOW, DT_FINI_ARRAYSZ, DT_FLAGS, DT_FLAGS_1, DT_GNU_HASH, DT_HASH, DT_INIT, DT_INIT_ARRAYSZ,
  DT_RPATH, DT_RUNPATH, DT_SONAME, DT_TEXTREL, DT_VERDEF, DT_VERNEED, DT_VERSYM,
} from './dyn-constants.js';
import { ok, type Checked } from './defect.js';
import type { DynamicTable } from './dynamic.js';
import type { StringReader } from './strings.js';
import type { DynamicInfo } from './types.js';

/** Builds the {@link DynamicInfo} of `table`, reading its names through `strings`. */
export function dynamicInfo(table: DynamicTable, strings: StringReader): Checked<DynamicInfo> {
  const needed: string[] = [];
  for (const [i, offset] of table.needed.entries()) {
    const name = strings.read(offset, `DT_NEEDED ${i}`);
    if (!name.ok) return name;
    needed.push(name.value);
  }
  const flags = table.values.get(DT_FLAGS) ?? 0n;
  const flags1 = Number((table.values.get(DT_FLAGS_1) ?? 0n) & 0xffffffffn);
  const info: DynamicInfo = {
    needed,
    flags1,
    hasHash: table.values.has(DT_HASH),
    hasGnuHash: table.values.has(DT_GNU_HASH),
    hasVersym: table.values.has(DT_VERSYM),
    hasVerdef: table.values.has(DT_VERDEF),
    hasVerneed: table.values.has(DT_VERNEED),
    hasInit: table.values.has(DT_INIT),
    initArraySize: size(table, DT_INIT_ARRAYSZ),
    finiArraySize: size(table, DT_FINI_ARRAYSZ),
    textrel: table.values.has(DT_TEXTREL) || (flags & BigInt(DF_TEXTREL)) !== 0n,
    bindNow: table.values.has(DT_BIND_NOW) || (flags & BigInt(DF_BIND_NOW)) !== 0n || (flags1 & DF_1_NOW) !== 0,
  };
  for (const [tag, key] of [[DT_SONAME, 'soname'], [DT_RUNPATH, 'runpath'], [DT_RPATH, 'rpath']] as const) {
    const offset = table.values.get(tag);
    if (offset === undefined) continue;
    const name = strings.read(offset, key.toUpperCase());
    if (!name.ok) return name;
    info[key] = name.value;
  }
  return ok(info);
}

function size(table: DynamicTable, tag: number): number {
  return toSafe(table.values.get(tag) ?? 0n) ?? Number.MAX_SAFE_INTEGER;
}
