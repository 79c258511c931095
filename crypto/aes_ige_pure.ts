/**
 * AES-256-IGE in plain TypeScript (T-tables on 32-bit words). The fallback
 * kernel for runtimes without WebAssembly, and the reference the wasm kernel
 * is tested against.
 *
 * Arguments are validated by `aes_ige.ts`; these functions assume a 32-byte
 * key, a 32-byte iv and a length that is a multiple of 16.
 *
 * @module
 */

import {
  AES256_ROUNDS,
  expandKeyDecrypt256,
  expandKeyEncrypt256,
  INV_SBOX,
  SBOX,
  TD,
  TE,
} from "./aes_ige_tables.ts";

const [TE0, TE1, TE2, TE3] = TE;
const [TD0, TD1, TD2, TD3] = TD;

const encryptSchedule = new Uint32Array(60);
const decryptSchedule = new Uint32Array(60);

function readWord(data: Uint8Array, at: number): number {
  return (data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) |
    data[at + 3];
}

/**
 * Encrypts `data` with AES-256-IGE (pure TypeScript kernel, no validation).
 *
 * @param data plaintext, a multiple of 16 bytes
 * @param key 32-byte key
 * @param iv 32 bytes: the "previous ciphertext" block then the "previous plaintext" block
 * @returns a new array with the ciphertext
 */
export function aesIgeEncryptPure(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
): Uint8Array {
  const rk = expandKeyEncrypt256(key, encryptSchedule);
  const out = new Uint8Array(data.length);
  const input = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const output = new DataView(out.buffer);
  // c_{i-1} and p_{i-1}
  let c0 = readWord(iv, 0),
    c1 = readWord(iv, 4),
    c2 = readWord(iv, 8),
    c3 = readWord(iv, 12);
  let p0 = readWord(iv, 16),
    p1 = readWord(iv, 20),
    p2 = readWord(iv, 24),
    p3 = readWord(iv, 28);
  for (let at = 0; at < data.length; at += 16) {
    const n0 = input.getUint32(at), n1 = input.getUint32(at + 4);
    const n2 = input.getUint32(at + 8), n3 = input.getUint32(at + 12);
    let s0 = n0 ^ c0 ^ rk[0],
      s1 = n1 ^ c1 ^ rk[1],
      s2 = n2 ^ c2 ^ rk[2],
      s3 = n3 ^ c3 ^ rk[3];
    let k = 4;
    for (let round = 1; round < AES256_ROUNDS; round++, k += 4) {
      const t0 = TE0[s0 >>> 24] ^ TE1[(s1 >>> 16) & 0xff] ^
        TE2[(s2 >>> 8) & 0xff] ^
        TE3[s3 & 0xff] ^ rk[k];
      const t1 = TE0[s1 >>> 24] ^ TE1[(s2 >>> 16) & 0xff] ^
        TE2[(s3 >>> 8) & 0xff] ^
        TE3[s0 & 0xff] ^ rk[k + 1];
      const t2 = TE0[s2 >>> 24] ^ TE1[(s3 >>> 16) & 0xff] ^
        TE2[(s0 >>> 8) & 0xff] ^
        TE3[s1 & 0xff] ^ rk[k + 2];
      s3 = TE0[s3 >>> 24] ^ TE1[(s0 >>> 16) & 0xff] ^ TE2[(s1 >>> 8) & 0xff] ^
        TE3[s2 & 0xff] ^ rk[k + 3];
      s0 = t0;
      s1 = t1;
      s2 = t2;
    }
    c0 = ((SBOX[s0 >>> 24] << 24) | (SBOX[(s1 >>> 16) & 0xff] << 16) |
      (SBOX[(s2 >>> 8) & 0xff] << 8) | SBOX[s3 & 0xff]) ^ rk[k] ^ p0;
    c1 = ((SBOX[s1 >>> 24] << 24) | (SBOX[(s2 >>> 16) & 0xff] << 16) |
      (SBOX[(s3 >>> 8) & 0xff] << 8) | SBOX[s0 & 0xff]) ^ rk[k + 1] ^ p1;
    c2 = ((SBOX[s2 >>> 24] << 24) | (SBOX[(s3 >>> 16) & 0xff] << 16) |
      (SBOX[(s0 >>> 8) & 0xff] << 8) | SBOX[s1 & 0xff]) ^ rk[k + 2] ^ p2;
    c3 = ((SBOX[s3 >>> 24] << 24) | (SBOX[(s0 >>> 16) & 0xff] << 16) |
      (SBOX[(s1 >>> 8) & 0xff] << 8) | SBOX[s2 & 0xff]) ^ rk[k + 3] ^ p3;
    output.setUint32(at, c0);
    output.setUint32(at + 4, c1);
    output.setUint32(at + 8, c2);
    output.setUint32(at + 12, c3);
    p0 = n0;
    p1 = n1;
    p2 = n2;
    p3 = n3;
  }
  return out;
}

/**
 * Decrypts `data` with AES-256-IGE (pure TypeScript kernel, no validation).
 *
 * @param data ciphertext, a multiple of 16 bytes
 * @param key 32-byte key
 * @param iv 32 bytes: the "previous ciphertext" block then the "previous plaintext" block
 * @returns a new array with the plaintext
 */
export function aesIgeDecryptPure(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
): Uint8Array {
  const rk = expandKeyDecrypt256(
    expandKeyEncrypt256(key, encryptSchedule),
    decryptSchedule,
  );
  const out = new Uint8Array(data.length);
  const input = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const output = new DataView(out.buffer);
  let c0 = readWord(iv, 0),
    c1 = readWord(iv, 4),
    c2 = readWord(iv, 8),
    c3 = readWord(iv, 12);
  let p0 = readWord(iv, 16),
    p1 = readWord(iv, 20),
    p2 = readWord(iv, 24),
    p3 = readWord(iv, 28);
  for (let at = 0; at < data.length; at += 16) {
    const n0 = input.getUint32(at), n1 = input.getUint32(at + 4);
    const n2 = input.getUint32(at + 8), n3 = input.getUint32(at + 12);
    let s0 = n0 ^ p0 ^ rk[0],
      s1 = n1 ^ p1 ^ rk[1],
      s2 = n2 ^ p2 ^ rk[2],
      s3 = n3 ^ p3 ^ rk[3];
    let k = 4;
    for (let round = 1; round < AES256_ROUNDS; round++, k += 4) {
      const t0 = TD0[s0 >>> 24] ^ TD1[(s3 >>> 16) & 0xff] ^
        TD2[(s2 >>> 8) & 0xff] ^
        TD3[s1 & 0xff] ^ rk[k];
      const t1 = TD0[s1 >>> 24] ^ TD1[(s0 >>> 16) & 0xff] ^
        TD2[(s3 >>> 8) & 0xff] ^
        TD3[s2 & 0xff] ^ rk[k + 1];
      const t2 = TD0[s2 >>> 24] ^ TD1[(s1 >>> 16) & 0xff] ^
        TD2[(s0 >>> 8) & 0xff] ^
        TD3[s3 & 0xff] ^ rk[k + 2];
      s3 = TD0[s3 >>> 24] ^ TD1[(s2 >>> 16) & 0xff] ^ TD2[(s1 >>> 8) & 0xff] ^
        TD3[s0 & 0xff] ^ rk[k + 3];
      s0 = t0;
      s1 = t1;
      s2 = t2;
    }
    p0 = ((INV_SBOX[s0 >>> 24] << 24) | (INV_SBOX[(s3 >>> 16) & 0xff] << 16) |
      (INV_SBOX[(s2 >>> 8) & 0xff] << 8) | INV_SBOX[s1 & 0xff]) ^ rk[k] ^ c0;
    p1 = ((INV_SBOX[s1 >>> 24] << 24) | (INV_SBOX[(s0 >>> 16) & 0xff] << 16) |
      (INV_SBOX[(s3 >>> 8) & 0xff] << 8) | INV_SBOX[s2 & 0xff]) ^
      rk[k + 1] ^ c1;
    p2 = ((INV_SBOX[s2 >>> 24] << 24) | (INV_SBOX[(s1 >>> 16) & 0xff] << 16) |
      (INV_SBOX[(s0 >>> 8) & 0xff] << 8) | INV_SBOX[s3 & 0xff]) ^
      rk[k + 2] ^ c2;
    p3 = ((INV_SBOX[s3 >>> 24] << 24) | (INV_SBOX[(s2 >>> 16) & 0xff] << 16) |
      (INV_SBOX[(s1 >>> 8) & 0xff] << 8) | INV_SBOX[s0 & 0xff]) ^
      rk[k + 3] ^ c3;
    output.setUint32(at, p0);
    output.setUint32(at + 4, p1);
    output.setUint32(at + 8, p2);
    output.setUint32(at + 12, p3);
    c0 = n0;
    c1 = n1;
    c2 = n2;
    c3 = n3;
  }
  return out;
}
