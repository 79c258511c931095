/**
 * Shared helpers of the client tests: hex, the vector file, scripted
 * randomness, and a test RSA key pair whose private half is known.
 *
 * @module
 */

import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  bigintFromBytes,
  rsaFingerprint,
  type RsaPublicKey,
} from "../../crypto/mod.ts";
import type { RsaPrivateKey } from "../../crypto/rsa_server.ts";

/** Hex (either case) to bytes. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new Error("odd hex length");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.substring(i * 2, i * 2 + 2), 16);
  }
  return out;
}

/** Bytes to upper-case hex (as the vector file writes it). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
    .toUpperCase();
}

/** The worked example of creating an auth key (see `vectors/README` in ../../../shared). */
export interface AuthKeySample {
  /** Unencrypted messages with transport framing removed. */
  messages: Record<string, string>;
  /** Message bodies (boxed TL objects). */
  bodies: Record<string, string>;
  /** Derived values, hex in wire order. */
  values: Record<string, string>;
  /** Plain numbers. */
  scalars: { g: number; server_time: number; dc: number };
}

/** Loads `vectors/auth_key_sample.json`. */
export function loadAuthKeySample(): AuthKeySample {
  const url = new URL("./vectors/auth_key_sample.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as AuthKeySample;
}

/**
 * A random source that hands out the given byte strings in order, checking
 * that each request has the expected length; anything asked for past the
 * script is an error.
 */
export function scriptedRandom(
  ...chunks: Uint8Array[]
): (length: number) => Uint8Array {
  const queue = [...chunks];
  return (length: number) => {
    const next = queue.shift();
    if (next === undefined) {
      throw new Error(`scripted random exhausted (asked for ${length} bytes)`);
    }
    if (next.length !== length) {
      throw new Error(
        `scripted random: asked for ${length} bytes, next chunk has ${next.length}`,
      );
    }
    return next.slice();
  };
}

let testKeyPair:
  | { publicKey: RsaPublicKey; privateKey: RsaPrivateKey }
  | undefined;

/** A 2048-bit RSA key pair generated once per process, for decrypting RSA_PAD in tests. */
export function testRsaKeyPair(): {
  publicKey: RsaPublicKey;
  privateKey: RsaPrivateKey;
} {
  if (testKeyPair !== undefined) return testKeyPair;
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicExponent: 65537,
  });
  const jwk = privateKey.export({ format: "jwk" }) as {
    n: string;
    e: string;
    d: string;
  };
  const n = bigintFromBytes(fromBase64Url(jwk.n));
  const e = bigintFromBytes(fromBase64Url(jwk.e));
  const d = bigintFromBytes(fromBase64Url(jwk.d));
  testKeyPair = {
    publicKey: { n, e, fingerprint: rsaFingerprint(n, e) },
    privateKey: { n, d },
  };
  return testKeyPair;
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
