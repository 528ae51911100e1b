/**
 * Hash functions and table serialisation for the test builder: the SysV ELF hash and the GNU
 * hash, and minimal but valid DT_HASH and DT_GNU_HASH tables.
 *
 * @module
 */

/** The SysV ELF hash of `name` (`elf_hash` of the System V ABI). */
export function elfHash(name: string): number {
  let h = 0;
  for (const byte of new TextEncoder().encode(name)) {
    h = ((h << 4) + byte) >>> 0;
    const g = h & 0xf0000000;
    if (g !== 0) h ^= g >>> 24;
    h &= ~g >>> 0;
  }
  return h >>> 0;
}

/** The GNU hash of `name` (djb2: h * 33 + c, from 5381). */
export function gnuHash(name: string): number {
  let h = 5381;
  for (const byte of new TextEncoder().encode(name)) h = (Math.imul(h, 33) + byte) >>> 0;
  return h;
}

/**
 * A DT_HASH table with one bucket whose chain visits every symbol: `nchain` = `count` (the null
 * symbol included).
 */
export function sysvHashTable(count: number): Uint8Array {
  const words = [1, count, count > 1 ? count - 1 : 0];
  for (let i = 0; i < count; i++) words.push(i <= 1 ? 0 : i - 1);
  return wordsToBytes(words);
}

/**
 * A DT_GNU_HASH table with one bucket and an all-ones bloom word over the defined symbols, which
 * must be the table's last symbols from `symoffset` on, named `names`.
 */
export function gnuHashTable(symoffset: number, names: readonly string[]): Uint8Array {
  const header = [1, symoffset, 1, 6];
  const bloom = [0xffffffff, 0xffffffff];
  const bucket = [names.length > 0 ? symoffset : 0];
  const chain = names.map((name, i) => (gnuHash(name) & ~1) | (i === names.length - 1 ? 1 : 0));
  return wordsToBytes([...header, ...bloom, ...bucket, ...chain]);
}

function wordsToBytes(words: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, i) => view.setUint32(i * 4, word >>> 0, true));
  return bytes;
}
