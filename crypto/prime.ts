/**
 * Primality: Miller–Rabin, deterministic below 2^64 and probabilistic above.
 *
 * @module
 */

import { modPow } from "./mod_pow.ts";
import { randomBytes } from "./random.ts";
import { bigintFromBytes, bitLength } from "./bigint_bytes.ts";

// A sieve: trial division here cost every process ~5 ms at import.
const SMALL_PRIMES: number[] = (() => {
  const composite = new Uint8Array(2000);
  const primes: number[] = [];
  for (let candidate = 2; candidate < 2000; candidate++) {
    if (composite[candidate]) continue;
    primes.push(candidate);
    for (let m = candidate * candidate; m < 2000; m += candidate) {
      composite[m] = 1;
    }
  }
  return primes;
})();

/** These bases make Miller–Rabin exact for every n < 3.3·10^24 (so every 64-bit n). */
const DETERMINISTIC_BASES = [
  2n,
  3n,
  5n,
  7n,
  11n,
  13n,
  17n,
  19n,
  23n,
  29n,
  31n,
  37n,
  41n,
];

/** A uniformly random integer in [2, n − 2] (n > 4). */
function randomBase(n: bigint): bigint {
  const bytes = Math.ceil(bitLength(n) / 8) + 8; // 64 extra bits make the modulo bias negligible
  return 2n + bigintFromBytes(randomBytes(bytes)) % (n - 3n);
}

/**
 * Whether `n` is (probably) prime: trial division by the primes below 2000,
 * then Miller–Rabin with fixed bases (exact below 2^64) or with `rounds`
 * random bases above (error below 4^−rounds, far less for random input).
 */
export function isProbablePrime(n: bigint, rounds = 24): boolean {
  if (n < 2n) return false;
  for (const p of SMALL_PRIMES) {
    const small = BigInt(p);
    if (n === small) return true;
    if (n % small === 0n) return false;
  }
  if (n < 4_000_000n) return true; // no factor below 2000 ≥ √n
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const exact = n < (1n << 64n);
  const bases = exact
    ? DETERMINISTIC_BASES
    : Array.from({ length: rounds }, () => randomBase(n));
  const minusOne = n - 1n;
  outer: for (const base of bases) {
    let x = modPow(base, d, n);
    if (x === 1n || x === minusOne) continue;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === minusOne) continue outer;
    }
    return false;
  }
  return true;
}
