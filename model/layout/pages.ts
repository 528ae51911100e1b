/**
 * Page rounding.
 *
 * @module
 */

/** `value` rounded down to a multiple of `pageSize` (a power of two). */
export function pageDown(value: number, pageSize: number): number {
  return value - (value % pageSize);
}

/** `value` rounded up to a multiple of `pageSize` (a power of two). */
export function pageUp(value: number, pageSize: number): number {
  const rest = value % pageSize;
  return rest === 0 ? value : value + pageSize - rest;
}

/** `value` as hexadecimal with a `0x` prefix. */
export function hexAddress(value: number): string {
  return `0x${value.toString(16)}`;
}
