/** Shared helpers for the transport tests. */

export { fromHex as hex, toHex } from "../crypto/helpers.ts";
export { concatBytes as concat } from "../../crypto/bytes.ts";

/** A small deterministic PRNG (mulberry32) so that failures reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic pseudo-random bytes. */
export function pseudoRandomBytes(
  length: number,
  random: () => number,
): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
  return out;
}

/** Splits `data` into chunks: one byte each, or random sizes from 1 to `maxChunk`. */
export function chunkings(
  data: Uint8Array,
  random: () => number,
  maxChunk = 97,
): Uint8Array[][] {
  const single: Uint8Array[] = [];
  for (let i = 0; i < data.length; i++) single.push(data.slice(i, i + 1));
  return [[data.slice()], single, randomChunks(data, random, maxChunk)];
}

/** Splits `data` into chunks of random sizes from 1 to `maxChunk`. */
export function randomChunks(
  data: Uint8Array,
  random: () => number,
  maxChunk = 97,
): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < data.length;) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(data.slice(i, i + size));
    i += size;
  }
  return chunks;
}
