/**
 * The dynamic string table, read under a budget: every name must end with a NUL inside the
 * table, and the bytes decoded over all names are bounded by a multiple of the image size, so
 * that names sharing a long unterminated tail cannot make reading quadratic.
 *
 * @module
 */
import { toSafe, type ImageBytes } from './bytes.js';
import { fail, hex, ok, type Checked } from './defect.js';

/** Reads NUL-terminated names from one string table. */
export interface StringReader {
  /** The name at `index` in the table. */
  read(index: number | bigint, what: string): Checked<string>;
}

/** Where the string table is in the file: `size` bytes from `offset`, all inside the image. */
export interface StringTableSpan {
  /** File offset of the table. */
  offset: number;
  /** Its size in bytes. */
  size: number;
}

const decoder = new TextDecoder('utf-8');

/** A reader of `table` (undefined: the image has no usable DT_STRTAB). */
export function stringReader(img: ImageBytes, table: StringTableSpan | undefined): StringReader {
  let budget = 4 * img.size + 65536;
  const memo = new Map<number, string>();
  return {
    read(rawIndex, what) {
      const index = typeof rawIndex === 'bigint' ? toSafe(rawIndex) : rawIndex;
      if (table === undefined) {
        return fail('dynamic-out-of-range', `${what} needs DT_STRTAB, which is missing or outside the image`);
      }
      if (index === undefined || index >= table.size) {
        return fail('dynamic-out-of-range', `${what} name offset ${hex(rawIndex)} is past DT_STRSZ ${hex(table.size)}`);
      }
      const known = memo.get(index);
      if (known !== undefined) return ok(known);
      const start = table.offset + index;
      const limit = Math.min(table.offset + table.size, start + budget + 1);
      const nul = img.data.subarray(start, limit).indexOf(0);
      if (nul < 0) {
        if (limit < table.offset + table.size) {
          const why = `names in the string table total more than the reading budget (at ${what})`;
          return fail('absurd-size', why, 'dlmem.elf.no-crash');
        }
        const why = `${what} name at string table offset ${hex(index)} has no NUL before the table ends`;
        return fail('dynamic-out-of-range', why);
      }
      budget -= nul + 1;
      const name = decoder.decode(img.data.subarray(start, start + nul));
      memo.set(index, name);
      return ok(name);
    },
  };
}
