/**
 * The pure provider: `@noble/hashes`, AES-256-CTR on our own AES tables
 * (`aes_ctr_pure.ts`) and bigint. Runs everywhere, browsers included.
 *
 * @module
 */

import { sha1 as nobleSha1 } from "@noble/hashes/legacy.js";
import {
  sha256 as nobleSha256,
  sha512 as nobleSha512,
} from "@noble/hashes/sha2.js";
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import type { CryptoProvider } from "./provider.ts";
import { modPowBigint } from "./mod_pow_bigint.ts";
import { PureAesCtr } from "./aes_ctr_pure.ts";

/** The part of a noble hash this file uses. */
interface NobleHash {
  (message: Uint8Array): Uint8Array;
  create(): { update(data: Uint8Array): unknown; digest(): Uint8Array };
}

function hashChunks(
  hash: NobleHash,
  chunks: readonly Uint8Array[],
): Uint8Array {
  if (chunks.length === 1) return hash(chunks[0]);
  const state = hash.create();
  for (const chunk of chunks) state.update(chunk);
  return state.digest();
}

/** The provider built only on `@noble/hashes`, our AES tables and bigint; used in browsers and when forced. */
export const pureCryptoProvider: CryptoProvider = {
  name: "pure",
  sha1: (chunks) => hashChunks(nobleSha1, chunks),
  sha256: (chunks) => hashChunks(nobleSha256, chunks),
  sha512: (chunks) => hashChunks(nobleSha512, chunks),
  pbkdf2Sha512: (password, salt, iterations) =>
    pbkdf2(nobleSha512, password, salt, { c: iterations, dkLen: 64 }),
  createAesCtr: (key, iv) => {
    // Sparrow only needs AES-256 (obfuscation); the pure stream has no other schedule.
    if (key.length !== 32 || iv.length !== 16) {
      throw new RangeError(
        "the pure AES-CTR takes a 32-byte key and a 16-byte iv",
      );
    }
    return new PureAesCtr(key, iv);
  },
  modPow: modPowBigint,
};
