/**
 * AES-256-CTR as a stream, for the obfuscated transports.
 *
 * @module
 */

import { type AesCtr, getCryptoProvider } from "./provider.ts";

export type { AesCtr };

/**
 * Starts an AES-256-CTR stream: `key` is 32 bytes, `iv` the 16-byte initial
 * counter block (incremented as a 128-bit big-endian number). Each
 * `process(data)` continues the keystream where the previous call stopped,
 * whatever the chunk sizes, so one stream serves a whole connection direction.
 */
export function createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
  if (key.length !== 32) {
    throw new RangeError(`AES-256-CTR key must be 32 bytes, got ${key.length}`);
  }
  if (iv.length !== 16) {
    throw new RangeError(`AES-CTR iv must be 16 bytes, got ${iv.length}`);
  }
  return getCryptoProvider().createAesCtr(key, iv);
}
