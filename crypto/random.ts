/**
 * Randomness, from `crypto.getRandomValues` only.
 *
 * @module
 */

/** The Web Crypto limit for one `getRandomValues` call. */
const MAX_CHUNK = 65536;

/** `n` cryptographically secure random bytes. */
export function randomBytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`randomBytes: bad length ${n}`);
  }
  const out = new Uint8Array(n);
  for (let offset = 0; offset < n; offset += MAX_CHUNK) {
    crypto.getRandomValues(
      out.subarray(offset, Math.min(n, offset + MAX_CHUNK)),
    );
  }
  return out;
}
