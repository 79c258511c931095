/**
 * Small-prime helpers for the key exchange's proof of work: the server picks
 * two random 32-bit primes and sends their product as `pq`.
 *
 * @module
 */

import { randomBytes } from "../../crypto/mod.ts";

function modPowSmall(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

/** Deterministic Miller–Rabin for n < 3.3·10²⁴ (the bases 2..41 suffice), so exact for 32-bit numbers. */
export function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  const bases = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n];
  for (const p of bases) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let r = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    r++;
  }
  outer: for (const a of bases) {
    let x = modPowSmall(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < r; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

/**
 * A random 31-bit prime (2³⁰ ≤ p < 2³¹), the size Telegram uses: the product of
 * two stays below 2⁶² (the docs: "normally pq is less than or equal to 2^63-1"),
 * so clients that read pq as a signed 64-bit number still work.
 */
export function randomPrime31(): bigint {
  for (;;) {
    const bytes = randomBytes(4);
    const candidate = BigInt(
      (((bytes[0] & 0x3f) << 24) | (bytes[1] << 16) | (bytes[2] << 8) |
        bytes[3]) >>> 0,
    ) |
      0x40000001n;
    if (isPrime(candidate)) return candidate;
  }
}

/** Two distinct random 31-bit primes, smaller first, and their product. */
export function randomPq(): { p: bigint; q: bigint; pq: bigint } {
  const a = randomPrime31();
  let b = randomPrime31();
  while (b === a) b = randomPrime31();
  const [p, q] = a < b ? [a, b] : [b, a];
  return { p, q, pq: p * q };
}
