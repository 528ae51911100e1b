/**
 * A small deterministic pseudo-random generator: xorshift32, seeded by the FNV-1a hash of a
 * string. The junk fixtures and the ELF mutation generator draw from it, so that every byte they
 * make follows from a name or a seed.
 *
 * @module
 */

/** A xorshift32 stream seeded from a string. */
export class SeededRandom {
  private x: number;

  /** A stream for `seed` (the same seed always gives the same stream). */
  constructor(seed: string) {
    let x = 0x811c9dc5;
    for (const c of seed) x = Math.imul(x ^ c.charCodeAt(0), 0x01000193) >>> 0;
    this.x = x || 1;
  }

  /** The next 32-bit unsigned value. */
  next(): number {
    let x = this.x;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.x = x;
    return x;
  }

  /** An integer in `[0, n)` (0 when `n` is not positive). */
  below(n: number): number {
    if (n <= 1) return 0;
    return n <= 0x100000000 ? Math.floor((this.next() / 0x100000000) * n) : Math.floor(((this.next() * 0x100000000 + this.next()) / 2 ** 64) * n);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }

  /** One key of `weights`, each drawn in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.below(entries.reduce((n, [, w]) => n + w, 0));
    for (const [k, w] of entries) {
      if (r < w) return k;
      r -= w;
    }
    return (entries[0] as [K, number])[0];
  }

  /** A 64-bit unsigned value. */
  u64(): bigint {
    return (BigInt(this.next()) << 32n) | BigInt(this.next());
  }
}
