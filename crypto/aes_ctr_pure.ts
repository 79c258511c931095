/**
 * AES-256-CTR in pure TypeScript on the AES tables this layer already has
 * (`aes_ige_tables.ts`), for the pure provider.
 *
 * Why not `@noble/ciphers`: its `aes.js` builds large lookup tables and GCM
 * helpers when it is imported, which cost every Node.js process that loads
 * Sparrow ~7 MiB of memory and tens of milliseconds even though Node uses
 * `node:crypto` for CTR. These tables are 16 KiB and shared with IGE.
 *
 * @module
 */

import type { AesCtr } from "./provider.ts";
import {
  AES256_ROUNDS,
  AES256_SCHEDULE_WORDS,
  expandKeyEncrypt256,
  SBOX,
  TE,
} from "./aes_ige_tables.ts";

const [TE0, TE1, TE2, TE3] = TE;
const BLOCK = 16;

/**
 * An AES-256-CTR stream (32-byte key, 16-byte initial counter block
 * incremented as a 128-bit big-endian number). No validation: callers check
 * the lengths.
 */
export class PureAesCtr implements AesCtr {
  readonly #roundKeys = new Uint32Array(AES256_SCHEDULE_WORDS);
  /** The counter block as four big-endian words. */
  readonly #counter = new Uint32Array(4);
  readonly #keystream = new Uint8Array(BLOCK);
  #keystreamUsed = BLOCK;

  /**
   * Starts the stream.
   *
   * @param key 32 bytes
   * @param iv the 16-byte initial counter block
   */
  constructor(key: Uint8Array, iv: Uint8Array) {
    expandKeyEncrypt256(key, this.#roundKeys);
    for (let i = 0; i < 4; i++) {
      this.#counter[i] = ((iv[4 * i] << 24) | (iv[4 * i + 1] << 16) |
        (iv[4 * i + 2] << 8) | iv[4 * i + 3]) >>> 0;
    }
  }

  /** XORs `data` with the next keystream bytes; returns a new array. */
  process(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    const keystream = this.#keystream;
    for (let i = 0; i < data.length; i++) {
      if (this.#keystreamUsed === BLOCK) this.#nextBlock();
      out[i] = data[i] ^ keystream[this.#keystreamUsed++];
    }
    return out;
  }

  /** Encrypts the counter into the keystream buffer and increments the counter. */
  #nextBlock(): void {
    const rk = this.#roundKeys;
    const c = this.#counter;
    let s0 = c[0] ^ rk[0], s1 = c[1] ^ rk[1];
    let s2 = c[2] ^ rk[2], s3 = c[3] ^ rk[3];
    let k = 4;
    for (let round = 1; round < AES256_ROUNDS; round++, k += 4) {
      const t0 = TE0[s0 >>> 24] ^ TE1[(s1 >>> 16) & 0xff] ^
        TE2[(s2 >>> 8) & 0xff] ^ TE3[s3 & 0xff] ^ rk[k];
      const t1 = TE0[s1 >>> 24] ^ TE1[(s2 >>> 16) & 0xff] ^
        TE2[(s3 >>> 8) & 0xff] ^ TE3[s0 & 0xff] ^ rk[k + 1];
      const t2 = TE0[s2 >>> 24] ^ TE1[(s3 >>> 16) & 0xff] ^
        TE2[(s0 >>> 8) & 0xff] ^ TE3[s1 & 0xff] ^ rk[k + 2];
      s3 = TE0[s3 >>> 24] ^ TE1[(s0 >>> 16) & 0xff] ^
        TE2[(s1 >>> 8) & 0xff] ^ TE3[s2 & 0xff] ^ rk[k + 3];
      s0 = t0;
      s1 = t1;
      s2 = t2;
    }
    const words = [
      ((SBOX[s0 >>> 24] << 24) | (SBOX[(s1 >>> 16) & 0xff] << 16) |
        (SBOX[(s2 >>> 8) & 0xff] << 8) | SBOX[s3 & 0xff]) ^ rk[k],
      ((SBOX[s1 >>> 24] << 24) | (SBOX[(s2 >>> 16) & 0xff] << 16) |
        (SBOX[(s3 >>> 8) & 0xff] << 8) | SBOX[s0 & 0xff]) ^ rk[k + 1],
      ((SBOX[s2 >>> 24] << 24) | (SBOX[(s3 >>> 16) & 0xff] << 16) |
        (SBOX[(s0 >>> 8) & 0xff] << 8) | SBOX[s1 & 0xff]) ^ rk[k + 2],
      ((SBOX[s3 >>> 24] << 24) | (SBOX[(s0 >>> 16) & 0xff] << 16) |
        (SBOX[(s1 >>> 8) & 0xff] << 8) | SBOX[s2 & 0xff]) ^ rk[k + 3],
    ];
    const keystream = this.#keystream;
    for (let i = 0; i < 4; i++) {
      const w = words[i];
      keystream[4 * i] = w >>> 24;
      keystream[4 * i + 1] = w >>> 16;
      keystream[4 * i + 2] = w >>> 8;
      keystream[4 * i + 3] = w;
    }
    this.#keystreamUsed = 0;
    // 128-bit big-endian increment.
    for (let i = 3; i >= 0; i--) {
      c[i] = (c[i] + 1) >>> 0;
      if (c[i] !== 0) break;
    }
  }
}
