/**
 * The pure provider: `@noble/hashes`, `@noble/ciphers` and bigint. Runs
 * everywhere, browsers included.
 *
 * @module
 */

import { sha1 as nobleSha1 } from "@noble/hashes/legacy.js";
import {
  sha256 as nobleSha256,
  sha512 as nobleSha512,
} from "@noble/hashes/sha2.js";
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { unsafe as aesUnsafe } from "@noble/ciphers/aes.js";
import type { AesCtr, CryptoProvider } from "./provider.ts";
import { modPowBigint } from "./mod_pow_bigint.ts";

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

const BLOCK = 16;

/** AES-CTR stream over noble's raw block API, buffering the unused part of the last keystream block. */
class PureAesCtr implements AesCtr {
  readonly #roundKeys: Uint32Array;
  readonly #counter: Uint8Array;
  readonly #keystream = new Uint8Array(BLOCK);
  #keystreamUsed = BLOCK;

  constructor(key: Uint8Array, iv: Uint8Array) {
    this.#roundKeys = aesUnsafe.expandKeyLE(key);
    this.#counter = iv.slice();
  }

  process(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    let offset = 0;
    while (offset < data.length && this.#keystreamUsed < BLOCK) {
      out[offset] = data[offset] ^ this.#keystream[this.#keystreamUsed++];
      offset++;
    }
    const wholeBlocks = Math.floor((data.length - offset) / BLOCK) * BLOCK;
    if (wholeBlocks > 0) {
      // ctrCounter wants 4-byte aligned buffers; a fresh copy is aligned.
      const src = data.slice(offset, offset + wholeBlocks);
      aesUnsafe.ctrCounter(this.#roundKeys, this.#counter, src, src);
      out.set(src, offset);
      offset += wholeBlocks;
    }
    if (offset < data.length) {
      this.#keystream.fill(0);
      aesUnsafe.ctrCounter(
        this.#roundKeys,
        this.#counter,
        this.#keystream,
        this.#keystream,
      );
      this.#keystreamUsed = 0;
      while (offset < data.length) {
        out[offset] = data[offset] ^ this.#keystream[this.#keystreamUsed++];
        offset++;
      }
    }
    return out;
  }
}

/** The provider built only on `@noble/*` and bigint; used in browsers and when forced. */
export const pureCryptoProvider: CryptoProvider = {
  name: "pure",
  sha1: (chunks) => hashChunks(nobleSha1, chunks),
  sha256: (chunks) => hashChunks(nobleSha256, chunks),
  sha512: (chunks) => hashChunks(nobleSha512, chunks),
  pbkdf2Sha512: (password, salt, iterations) =>
    pbkdf2(nobleSha512, password, salt, { c: iterations, dkLen: 64 }),
  createAesCtr: (key, iv) => new PureAesCtr(key, iv),
  modPow: modPowBigint,
};
