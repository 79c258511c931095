/**
 * Modular exponentiation on bigint (the pure fallback).
 *
 * @module
 */

/**
 * `base ** exp mod mod` by left-to-right square-and-multiply with a 4-bit
 * fixed window (about a quarter fewer multiplications than plain binary).
 */
export function modPowBigint(base: bigint, exp: bigint, mod: bigint): bigint {
  if (mod === 1n) return 0n;
  base %= mod;
  if (base < 0n) base += mod;
  if (exp === 0n) return 1n;
  const table: bigint[] = [1n, base];
  for (let i = 2; i < 16; i++) table.push((table[i - 1] * base) % mod);
  const hex = exp.toString(16);
  let result = table[parseInt(hex[0], 16)];
  for (let i = 1; i < hex.length; i++) {
    result = (result * result) % mod;
    result = (result * result) % mod;
    result = (result * result) % mod;
    result = (result * result) % mod;
    const digit = parseInt(hex[i], 16);
    if (digit !== 0) result = (result * table[digit]) % mod;
  }
  return result;
}
