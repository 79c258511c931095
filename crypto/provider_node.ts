/**
 * The `node:crypto` provider (Deno, Node.js ≥ 20.16, Bun).
 *
 * `node:crypto` is obtained with `process.getBuiltinModule`, which is
 * synchronous and needs no static `node:` import: browser bundles include this
 * file but never load `node:crypto`, and {@link createNodeCryptoProvider}
 * returns `undefined` there.
 *
 * @module
 */

import type * as NodeCrypto from "node:crypto";
import type { AesCtr, CryptoProvider } from "./provider.ts";
import { modPowBigint } from "./mod_pow_bigint.ts";

type GetBuiltinModule = (id: string) => unknown;

function loadNodeCrypto(): typeof NodeCrypto | undefined {
  try {
    const process =
      (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } })
        .process;
    const crypto = process?.getBuiltinModule?.("node:crypto") as
      | typeof NodeCrypto
      | undefined;
    if (
      crypto && typeof crypto.createHash === "function" &&
      typeof crypto.createCipheriv === "function"
    ) {
      return crypto;
    }
  } catch {
    // Not available: the caller falls back to the pure provider.
  }
  return undefined;
}

/** Views a Node Buffer as a plain Uint8Array over the same memory (so strict equality checks see a Uint8Array). */
function plain(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const CTR_ALGORITHM: Record<number, string> = {
  16: "aes-128-ctr",
  24: "aes-192-ctr",
  32: "aes-256-ctr",
};

/** Builds the provider over `node:crypto`, or returns `undefined` when this runtime lacks it. */
export function createNodeCryptoProvider(): CryptoProvider | undefined {
  const crypto = loadNodeCrypto();
  if (crypto === undefined) return undefined;
  const { createHash, createCipheriv, pbkdf2Sync } = crypto;

  const hash =
    (algorithm: string) => (chunks: readonly Uint8Array[]): Uint8Array => {
      const state = createHash(algorithm);
      for (const chunk of chunks) state.update(chunk);
      return plain(state.digest());
    };

  return {
    name: "node",
    sha1: hash("sha1"),
    sha256: hash("sha256"),
    sha512: hash("sha512"),
    pbkdf2Sha512: (password, salt, iterations) =>
      plain(pbkdf2Sync(password, salt, iterations, 64, "sha512")),
    createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
      const algorithm = CTR_ALGORITHM[key.length];
      if (algorithm === undefined) {
        throw new RangeError(
          `AES key must be 16, 24 or 32 bytes, got ${key.length}`,
        );
      }
      const cipher = createCipheriv(algorithm, key, iv);
      return { process: (data) => plain(cipher.update(data)) };
    },
    modPow: modPowBigint,
  };
}
