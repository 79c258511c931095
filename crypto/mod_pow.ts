/**
 * Modular exponentiation through the active crypto provider.
 *
 * @module
 */

import { getCryptoProvider } from "./provider.ts";

/**
 * `base ** exp mod mod`. `mod` must be positive and `exp` non-negative;
 * a negative `base` is reduced first. Not constant-time (neither is any
 * bigint arithmetic); callers use it for DH and SRP as every client does.
 */
export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  if (mod < 1n) throw new RangeError("modPow: modulus must be positive");
  if (mod === 1n) return 0n;
  if (exp < 0n) throw new RangeError("modPow: negative exponent");
  base %= mod;
  if (base < 0n) base += mod;
  return getCryptoProvider().modPow(base, exp, mod);
}
