/**
 * Factorisation of the `pq` of the key exchange (a product of two primes of
 * about 32 bits each) with Pollard's rho in Brent's variant.
 *
 * Two implementations of the same walk: a tiny WebAssembly kernel
 * (`wasm/factorize_pq.wat`, embedded, instantiated synchronously on first
 * use) doing Montgomery arithmetic on u64, and bigint. One rho run needs
 * ~10^5 modular multiplications; a bigint multiplication allocates, so the
 * bigint walk takes ~6–10 ms per pq here against well under a millisecond in
 * WebAssembly. bigint remains the fallback where WebAssembly is unavailable.
 *
 * @module
 */

import { isProbablePrime } from "./prime.ts";
import { SecurityError } from "./security_error.ts";
import { FACTORIZE_PQ_WASM_BASE64 } from "./factorize_pq_wasm_bytes.ts";

const MAX_PQ = (1n << 64n) - 1n;
const BATCH = 128;
// A 64-bit composite has a factor below 2^32, found after ~2^16 steps on
// average; giving up at 2^22 steps per round bounds the time spent on a
// hostile input.
const MAX_RUN = 1 << 22;

/** Which walk {@link factorizePQ} uses. */
export type FactorizeImplementation = "wasm" | "bigint";

type WasmBrent = (n: bigint, c: bigint, maxRun: bigint) => bigint;
let wasmBrent: WasmBrent | null | undefined;

/** The WebAssembly walk, instantiated on first use; null where WebAssembly is unavailable. */
function loadWasmBrent(): WasmBrent | null {
  if (wasmBrent !== undefined) return wasmBrent;
  try {
    const bytes = Uint8Array.from(
      atob(FACTORIZE_PQ_WASM_BASE64),
      (c) => c.charCodeAt(0),
    );
    const instance = new WebAssembly.Instance(
      new WebAssembly.Module(bytes),
      {},
    );
    const brent = instance.exports.brent as (
      n: bigint,
      c: bigint,
      maxRun: bigint,
    ) => bigint;
    // i64 results come back signed; factors are unsigned
    wasmBrent = (n, c, maxRun) =>
      BigInt.asUintN(64, brent(BigInt.asIntN(64, n), c, maxRun));
  } catch {
    wasmBrent = null;
  }
  return wasmBrent;
}

/** Whether the WebAssembly walk can run here. */
export function isFactorizeWasmAvailable(): boolean {
  return loadWasmBrent() !== null;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * One Pollard–Brent run with the map y → y² + c; returns a non-trivial factor
 * of the odd `n`, or `n` when this `c` failed. Differences are multiplied
 * together and their gcd with `n` taken once per batch, so the gcd runs rarely.
 */
function brentBigint(n: bigint, c: bigint): bigint {
  let y = 2n;
  let x = y;
  let saved = y;
  let product = 1n;
  let divisor = 1n;
  for (let runLength = 1; divisor === 1n; runLength *= 2) {
    if (runLength > MAX_RUN) return n;
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
 * huge is refused rather than left to spin). `implementation` forces one
 * walk (tests and benchmarks); by default WebAssembly where available.
 */
export function factorizePQ(
  pq: bigint,
  implementation?: FactorizeImplementation,
): [bigint, bigint] {
  if (pq < 6n || pq > MAX_PQ) {
    throw new SecurityError("pq", "pq must be a 64-bit product of two primes");
  }
  if (isProbablePrime(pq)) throw new SecurityError("pq", "pq is prime");
  let factor = 1n;
  if ((pq & 1n) === 0n) {
    factor = 2n;
  } else {
    const wasm = implementation === "bigint" ? null : loadWasmBrent();
    if (implementation === "wasm" && wasm === null) {
      throw new Error("WebAssembly is not available");
    }
    const brent = wasm
      ? (n: bigint, c: bigint) => wasm(n, c, BigInt(MAX_RUN))
      : brentBigint;
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
