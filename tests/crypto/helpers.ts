/**
 * Shared helpers of the crypto tests: hex, the vector files, and running a
 * suite once per crypto provider.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { after, before, describe } from "node:test";
import {
  createNodeCryptoProvider,
  type CryptoProvider,
  getCryptoProvider,
  pureCryptoProvider,
  useCryptoProvider,
} from "../../crypto/mod.ts";

/** Hex (either case, white space ignored) to bytes. */
export function fromHex(text: string): Uint8Array {
  const hex = text.replace(/\s+/g, "");
  if (hex.length % 2 !== 0) throw new Error("odd hex length");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.substring(i * 2, i * 2 + 2), 16);
  }
  return out;
}

/** Bytes to lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hex to an unsigned big-endian bigint. */
export function hexToBigint(hex: string): bigint {
  return BigInt("0x" + hex);
}

/** Loads a JSON file of `tests/crypto/vectors/` (copied from the shared vector collection). */
// deno-lint-ignore no-explicit-any
export function loadVectors(name: string): any {
  return JSON.parse(
    readFileSync(new URL(`./vectors/${name}`, import.meta.url), "utf8"),
  );
}

/** The providers every provider-dependent suite runs with: node:crypto (when present) and the pure fallback. */
export function providers(): CryptoProvider[] {
  const node = createNodeCryptoProvider();
  return node ? [node, pureCryptoProvider] : [pureCryptoProvider];
}

/** Declares `body` once per provider, in a `describe` that installs that provider around its tests. */
export function describeWithProviders(
  name: string,
  body: (provider: CryptoProvider) => void,
): void {
  for (const provider of providers()) {
    describe(`${name} [${provider.name} provider]`, () => {
      let previous: CryptoProvider = getCryptoProvider();
      before(() => {
        previous = useCryptoProvider(provider);
      });
      after(() => {
        useCryptoProvider(previous);
      });
      body(provider);
    });
  }
}
