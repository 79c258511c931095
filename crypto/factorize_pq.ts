/**
 * Factorisation of the `pq` of the key exchange (a product of two primes of
 * about 32 bits each) with Pollard's rho in Brent's variant, on bigint.
 *
 * @module
 */

import { isProbablePrime } from "./prime.ts";
import { SecurityError } from "./security_error.ts";

const MAX_PQ = (1n << 64n) - 1n;
const BATCH = 128;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * One Pollard–Brent run with the map y → y² + c; returns a non-trivial factor
 * of the odd `n`, or `n` when this `c` failed. Differences are multiplied
 * together and their gcd with `n` taken once per batch, so the gcd runs rarely.
 */
function brent(n: bigint, c: bigint): bigint {
  let y = 2n;
  let x = y;
  let saved = y;
  let product = 1n;
  let divisor = 1n;
  for (let runLength = 1; divisor === 1n; runLength *= 2) {
    // A 64-bit composite has a factor below 2^32, found after ~2^16 steps on
    // average; giving up at 2^22 bounds the time spent on a hostile input.
    if (runLength > 1 << 22) return n;
    x = y;
    for (let i = 0; i < runLength; i++) y = (y * y + c) % n;
    for (let done = 0; done < runLength && divisor === 1n; done += BATCH) {
      saved = y;
      const steps = Math.min(BATCH, runLength - done);
      for (let i = 0; i < steps; i++) {
        y = (y * y + c) % n;
        product = (product * (x > y ? x - y : y - x)) % n;
      }
      divisor = gcd(product, n);
    }
  }
  if (divisor === n) {
    // The batch overshot (or closed the cycle): replay it one difference at a time.
    y = saved;
    for (let i = 0; i <= BATCH; i++) {
      y = (y * y + c) % n;
      divisor = gcd(x > y ? x - y : y - x, n);
      if (divisor !== 1n) break;
    }
  }
  return divisor;
}

/**
 * Splits `pq` into its two factors `[p, q]` with `p < q`, as the key exchange
 * requires. Throws a SecurityError when `pq` is not a product of two distinct
 * factors greater than 1 fitting in 64 bits (a prime, a square, or something
 * huge is refused rather than left to spin).
 */
export function factorizePQ(pq: bigint): [bigint, bigint] {
  if (pq < 6n || pq > MAX_PQ) {
    throw new SecurityError("pq", "pq must be a 64-bit product of two primes");
  }
  if (isProbablePrime(pq)) throw new SecurityError("pq", "pq is prime");
  let factor = 1n;
  if ((pq & 1n) === 0n) {
    factor = 2n;
  } else {
    for (let c = 1n; c <= 8n && (factor === 1n || factor === pq); c++) {
      factor = brent(pq, c);
    }
  }
  if (factor === 1n || factor === pq) {
    throw new SecurityError("pq", "pq could not be factorised (prime?)");
  }
  const other = pq / factor;
  if (other === factor) throw new SecurityError("pq", "pq is a square");
  return factor < other ? [factor, other] : [other, factor];
}
