/**
 * Conversions between bigint and bytes.
 *
 * @module
 */

/** Reads an unsigned integer from `bytes` (big-endian by default, as in RSA and DH; little-endian for TL's int128/int256). */
export function bigintFromBytes(
  bytes: Uint8Array,
  littleEndian = false,
): bigint {
  let hex = "";
  if (littleEndian) {
    for (let i = bytes.length - 1; i >= 0; i--) hex += HEX[bytes[i]];
  } else {
    for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]];
  }
  return hex.length === 0 ? 0n : BigInt("0x" + hex);
}

/**
 * Writes the non-negative `n` as exactly `length` bytes (big-endian by
 * default). Throws a RangeError when `n` is negative or does not fit.
 */
export function bigintToBytes(
  n: bigint,
  length: number,
  littleEndian = false,
): Uint8Array {
  if (n < 0n) throw new RangeError("bigintToBytes: negative number");
  const hex = n.toString(16);
  if (hex.length > length * 2 && n !== 0n) {
    throw new RangeError(
      `bigintToBytes: number needs more than ${length} bytes`,
    );
  }
  const padded = hex.padStart(length * 2, "0");
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const byte = parseInt(padded.substring(i * 2, i * 2 + 2), 16);
    out[littleEndian ? length - 1 - i : i] = byte;
  }
  return out;
}

/** The minimal big-endian encoding of a non-negative `n` (zero gives an empty array). */
export function bigintToMinimalBytes(n: bigint): Uint8Array {
  if (n === 0n) return new Uint8Array(0);
  return bigintToBytes(n, Math.ceil(n.toString(16).length / 2));
}

/** The number of bits of the non-negative `n` (0 for 0). */
export function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

const HEX: string[] = Array.from(
  { length: 256 },
  (_, i) => i.toString(16).padStart(2, "0"),
);
