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
import { bigintFromBytes, bigintToBytes } from "./bigint_bytes.ts";

/** AES-CTR's counter block wraps around at 2^128, as OpenSSL's does. */
const COUNTER_MASK = (1n << 128n) - 1n;

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
      // One finished cipher per call, started at the counter block where the
      // stream stands: a long-lived Cipheriv is a resource in Deno that only
      // `final()` releases, and a stream has no natural end to call it at.
      const keyCopy = key.slice();
      const initialCounter = bigintFromBytes(iv);
      let offset = 0;
      return {
        process(data) {
          const skip = offset % 16;
          const counter = bigintToBytes(
            (initialCounter + BigInt(Math.floor(offset / 16))) &
              COUNTER_MASK,
            16,
          );
          let input = data;
          if (skip !== 0) {
            input = new Uint8Array(skip + data.length);
            input.set(data, skip);
          }
          const cipher = createCipheriv(algorithm, keyCopy, counter);
          const output = plain(cipher.update(input));
          cipher.final();
          offset += data.length;
          return skip === 0 ? output : output.subarray(skip);
        },
      };
    },
    modPow: (base, exp, mod) =>
      modPowOpenSsl(crypto, base, exp, mod) ?? modPowBigint(base, exp, mod),
  };
}

// Node has no modular exponentiation API, but a Diffie-Hellman derivation is
// exactly `peer_public ** own_private mod p`. Keys built straight from DER
// skip the primality check that `createDiffieHellman(prime)` runs (~300 ms on
// Node), leaving one OpenSSL Montgomery exponentiation: about 4× faster than
// bigint on Node and ~1.5× on Deno. OpenSSL accepts only odd moduli of 512 to
// 10000 bits and a "public key" in [2, p − 2]; anything else goes to bigint.

const DH_KEY_AGREEMENT_OID = new Uint8Array([
  0x06,
  0x09,
  0x2a,
  0x86,
  0x48,
  0x86,
  0xf7,
  0x0d,
  0x01,
  0x03,
  0x01,
]);

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest & 0xff);
  }
  return [0x80 | bytes.length, ...bytes];
}

function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const bodyLength = parts.reduce((sum, part) => sum + part.length, 0);
  const header = [tag, ...derLength(bodyLength)];
  const out = new Uint8Array(header.length + bodyLength);
  out.set(header);
  let offset = header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function derInteger(n: bigint): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = "0" + hex;
  if (parseInt(hex.substring(0, 2), 16) >= 0x80) hex = "00" + hex;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(hex.substring(i * 2, i * 2 + 2), 16);
  }
  return der(0x02, bytes);
}

function modPowOpenSsl(
  crypto: typeof NodeCrypto,
  base: bigint,
  exp: bigint,
  mod: bigint,
): bigint | undefined {
  if ((mod & 1n) === 0n || exp < 2n) return undefined;
  const bits = mod.toString(2).length;
  if (bits < 512 || bits > 10000) return undefined;
  base %= mod;
  if (base < 2n || base > mod - 2n) return undefined;
  try {
    const algorithm = der(
      0x30,
      DH_KEY_AGREEMENT_OID,
      der(0x30, derInteger(mod), derInteger(2n)),
    );
    const privateKey = crypto.createPrivateKey({
      key: der(
        0x30,
        derInteger(0n),
        algorithm,
        der(0x04, derInteger(exp)),
      ) as unknown as Buffer,
      format: "der",
      type: "pkcs8",
    });
    const publicKey = crypto.createPublicKey({
      key: der(
        0x30,
        algorithm,
        der(0x03, new Uint8Array([0]), derInteger(base)),
      ) as unknown as Buffer,
      format: "der",
      type: "spki",
    });
    const secret = crypto.diffieHellman({ privateKey, publicKey });
    let result = 0n;
    for (const byte of secret) result = (result << 8n) | BigInt(byte);
    return result;
  } catch {
    return undefined;
  }
}
