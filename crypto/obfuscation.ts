/**
 * Key derivation of the obfuscated transports ("Transport Obfuscation",
 * "MTProxy") from the 64-byte init header.
 *
 * @module
 */

import { concatBytes } from "./bytes.ts";
import { sha256 } from "./hash.ts";

/** The AES-256-CTR keys and ivs of both directions, from the client's point of view. */
export interface ObfuscationKeys {
  /** Key of the client → server stream (the server decrypts with it). */
  encryptKey: Uint8Array;
  /** Initial counter of the client → server stream. */
  encryptIv: Uint8Array;
  /** Key of the server → client stream (the server encrypts with it). */
  decryptKey: Uint8Array;
  /** Initial counter of the server → client stream. */
  decryptIv: Uint8Array;
}

/**
 * Normalises an MTProxy secret to its 16 key bytes: a 16-byte secret is used
 * as is; a longer one starting with 0xdd (padded intermediate) or 0xee (fake
 * TLS, followed by the domain) has that prefix and anything after the 16 key
 * bytes dropped. Anything else is a RangeError.
 */
export function mtproxySecretKey(secret: Uint8Array): Uint8Array {
  if (secret.length === 16) return secret;
  if (secret.length >= 17 && (secret[0] === 0xdd || secret[0] === 0xee)) {
    return secret.subarray(1, 17);
  }
  throw new RangeError(
    `MTProxy secret must be 16 bytes (optionally after a dd/ee prefix), got ${secret.length}`,
  );
}

/**
 * The keys and ivs from the 64-byte init header (the random bytes as sent,
 * before their last 8 bytes are replaced by the encrypted ones; bytes 8..56
 * are all that is used): client → server key = header[8:40], iv =
 * header[40:56]; server → client from the same 48 bytes reversed. With an
 * MTProxy `secret` (16 bytes, or with a dd/ee prefix, see
 * {@link mtproxySecretKey}) each key becomes SHA256(key + secret).
 * The server uses the same values with the directions swapped.
 */
export function obfuscationKeys(
  initHeader: Uint8Array,
  secret?: Uint8Array,
): ObfuscationKeys {
  if (initHeader.length !== 64) {
    throw new RangeError(
      `init header must be 64 bytes, got ${initHeader.length}`,
    );
  }
  const forward = initHeader.slice(8, 56);
  const backward = forward.slice().reverse();
  let encryptKey: Uint8Array = forward.subarray(0, 32);
  let decryptKey: Uint8Array = backward.subarray(0, 32);
  if (secret !== undefined) {
    const key = mtproxySecretKey(secret);
    encryptKey = sha256(concatBytes(encryptKey, key));
    decryptKey = sha256(concatBytes(decryptKey, key));
  }
  return {
    encryptKey: encryptKey.slice(),
    encryptIv: forward.slice(32, 48),
    decryptKey: decryptKey.slice(),
    decryptIv: backward.slice(32, 48),
  };
}
