/**
 * Bounds-checked little-endian reads from an untrusted image: every read outside the image
 * returns `undefined` instead of throwing.
 *
 * @module
 */

/** An untrusted image and a view for reading its fields. */
export interface ImageBytes {
  /** The image. */
  readonly data: Uint8Array;
  /** A view of the same bytes. */
  readonly view: DataView;
  /** Its length in bytes. */
  readonly size: number;
}

/** Wraps `data` for reading. */
export function imageBytes(data: Uint8Array): ImageBytes {
  return { data, view: new DataView(data.buffer, data.byteOffset, data.byteLength), size: data.byteLength };
}

/** Whether `[offset, offset + length)` lies inside the image. */
export function fits(img: ImageBytes, offset: number, length: number): boolean {
  return (
    Number.isSafeInteger(offset) && Number.isSafeInteger(length) &&
    offset >= 0 && length >= 0 && offset <= img.size - length
  );
}

/** The byte at `offset`. */
export function u8(img: ImageBytes, offset: number): number | undefined {
  return fits(img, offset, 1) ? img.view.getUint8(offset) : undefined;
}

/** The little-endian 16-bit value at `offset`. */
export function u16(img: ImageBytes, offset: number): number | undefined {
  return fits(img, offset, 2) ? img.view.getUint16(offset, true) : undefined;
}

/** The little-endian 32-bit value at `offset`. */
export function u32(img: ImageBytes, offset: number): number | undefined {
  return fits(img, offset, 4) ? img.view.getUint32(offset, true) : undefined;
}

/** The little-endian 64-bit value at `offset`. */
export function u64(img: ImageBytes, offset: number): bigint | undefined {
  return fits(img, offset, 8) ? img.view.getBigUint64(offset, true) : undefined;
}

/** `value` as a number when it is exact (at most 2^53 - 1). */
export function toSafe(value: bigint): number | undefined {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

/** `value` as a number, exact below 2^53 and rounded above. */
export function toNumber(value: bigint): number {
  return Number(value);
}
