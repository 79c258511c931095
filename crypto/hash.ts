/**
 * Hash functions and PBKDF2, through the active crypto provider.
 *
 * @module
 */

import { getCryptoProvider } from "./provider.ts";

/** SHA-1 of the concatenation of the arguments. */
export function sha1(...chunks: Uint8Array[]): Uint8Array {
  return getCryptoProvider().sha1(chunks);
}

/** SHA-256 of the concatenation of the arguments. */
export function sha256(...chunks: Uint8Array[]): Uint8Array {
  return getCryptoProvider().sha256(chunks);
}

/** SHA-512 of the concatenation of the arguments. */
export function sha512(...chunks: Uint8Array[]): Uint8Array {
  return getCryptoProvider().sha512(chunks);
}

/** PBKDF2 with HMAC-SHA512 and 64 bytes of output (the 2FA password KDF). */
export function pbkdf2Sha512(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Uint8Array {
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new RangeError(
      `PBKDF2 iterations must be a positive integer, got ${iterations}`,
    );
  }
  return getCryptoProvider().pbkdf2Sha512(password, salt, iterations);
}
