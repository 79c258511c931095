/**
 * The crypto provider: the few primitives whose speed depends on the runtime
 * (hashes, PBKDF2, AES-CTR, modular exponentiation), behind one interface.
 *
 * Why a provider: `node:crypto` (present in Deno, Node and Bun) is several
 * times faster than pure JavaScript for hashing and big-number arithmetic, but
 * browsers do not have it. The provider is chosen once, when this module is
 * first loaded: {@link detectCryptoProvider} asks the runtime for `node:crypto`
 * through `process.getBuiltinModule` (synchronous, no static `node:` import,
 * so browser bundles never reference `node:crypto`) and falls back to the pure
 * provider (`@noble/hashes`, our own AES-CTR, bigint) when it is missing.
 * {@link useCryptoProvider} replaces it (tests use it to force the pure path).
 *
 * @module
 */

import { createNodeCryptoProvider } from "./provider_node.ts";
import { pureCryptoProvider } from "./provider_pure.ts";

/** An AES-256-CTR keystream: successive calls continue where the last one stopped. */
export interface AesCtr {
  /** XORs `data` with the next `data.length` keystream bytes and returns the result (a new array). */
  process(data: Uint8Array): Uint8Array;
}

/** The runtime-dependent primitives. All synchronous. */
export interface CryptoProvider {
  /** A short name for reports and benchmarks ("node" or "pure"). */
  readonly name: string;
  /** SHA-1 of the concatenation of `chunks`. */
  sha1(chunks: readonly Uint8Array[]): Uint8Array;
  /** SHA-256 of the concatenation of `chunks`. */
  sha256(chunks: readonly Uint8Array[]): Uint8Array;
  /** SHA-512 of the concatenation of `chunks`. */
  sha512(chunks: readonly Uint8Array[]): Uint8Array;
  /** PBKDF2 with HMAC-SHA512, 64 bytes of output. */
  pbkdf2Sha512(
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
  ): Uint8Array;
  /** Starts an AES-CTR stream (key of 16, 24 or 32 bytes; 16-byte initial counter block, big-endian increment). */
  createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr;
  /** `base ** exp mod mod` for `mod > 1`, `exp >= 0`, `base >= 0`. */
  modPow(base: bigint, exp: bigint, mod: bigint): bigint;
}

/** Picks the fastest provider this runtime offers: `node:crypto` when present, the pure one otherwise. */
export function detectCryptoProvider(): CryptoProvider {
  return createNodeCryptoProvider() ?? pureCryptoProvider;
}

let current: CryptoProvider = detectCryptoProvider();

/** The provider in use. */
export function getCryptoProvider(): CryptoProvider {
  return current;
}

/**
 * Replaces the provider in use (for instance with `pureCryptoProvider` to
 * test the browser path) and returns the previous one.
 */
export function useCryptoProvider(provider: CryptoProvider): CryptoProvider {
  const previous = current;
  current = provider;
  return previous;
}
