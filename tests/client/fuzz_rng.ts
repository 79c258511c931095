/**
 * A small seeded random source for deterministic fuzz tests (mulberry32),
 * and byte mutations of valid inputs.
 *
 * @module
 */

/** A deterministic pseudo-random generator; the same seed gives the same sequence. */
export class Rng {
  #state: number;

  /** @param seed any integer */
  constructor(seed: number) {
    this.#state = (seed * 0x9e3779b9) >>> 0;
    for (let i = 0; i < 4; i++) this.#next();
  }

  /** mulberry32: 32 random bits. */
  #next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.#next() / 2 ** 32;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** A signed 32-bit integer. */
  int32(): number {
    return this.#next() | 0;
  }

  /** A signed 64-bit integer. */
  bigint64(): bigint {
    return BigInt.asIntN(
      64,
      (BigInt(this.#next()) << 32n) | BigInt(this.#next()),
    );
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const word = this.#next();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = word >>> (8 * j);
    }
    return out;
  }

  /** `n` random 4-byte words. */
  words(n: number): Uint8Array {
    return this.bytes(n * 4);
  }
}

/** A copy of `input` with a few random edits (flipped bits, overwritten words, cuts, insertions). */
export function mutate(rng: Rng, input: Uint8Array): Uint8Array {
  let out = input.slice();
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) {
    if (out.length === 0) return rng.bytes(rng.int(16));
    switch (rng.int(6)) {
      case 0: {
        const at = rng.int(out.length);
        out[at] ^= 1 << rng.int(8);
        break;
      }
      case 1: {
        const at = rng.int(out.length);
        out[at] = rng.int(256);
        break;
      }
      case 2: { // an interesting 32-bit value at a word boundary
        const at = rng.int(out.length >> 2) * 4;
        if (at + 4 > out.length) break;
        const value = rng.pick([0, -1, 0x7fffffff, -0x80000000, 1, 0x10000]);
        new DataView(out.buffer, out.byteOffset).setInt32(at, value, true);
        break;
      }
      case 3:
        out = out.slice(0, rng.int(out.length));
        break;
      case 4: {
        const at = rng.int(out.length);
        const extra = rng.bytes(rng.int(12));
        const grown = new Uint8Array(out.length + extra.length);
        grown.set(out.subarray(0, at));
        grown.set(extra, at);
        grown.set(out.subarray(at), at + extra.length);
        out = grown;
        break;
      }
      default: { // duplicate a slice
        const from = rng.int(out.length);
        const slice = out.slice(from, from + rng.int(32));
        const grown = new Uint8Array(out.length + slice.length);
        grown.set(out);
        grown.set(slice, out.length);
        out = grown;
      }
    }
  }
  return out;
}
