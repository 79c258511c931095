/**
 * The test DC's RSA key pair and the server half of the two RSA encodings
 * clients use in `req_DH_params`: RSA_PAD (MTProto 2.0) and the older
 * `SHA1(data) + data + padding` form.
 *
 * `node:crypto` generates the pair and does the raw private-key operation
 * (`RSA_NO_PADDING`): this file lives under tests/, where runtime APIs are
 * allowed, and it runs unchanged in Deno and Node.
 *
 * @module
 */

import {
  constants,
  generateKeyPairSync,
  type KeyObject,
  privateDecrypt,
} from "node:crypto";
import {
  aesIgeDecrypt,
  bigintFromBytes,
  rsaFingerprint,
  sha1,
  sha256,
} from "../../crypto/mod.ts";

/** A server RSA key pair: the public half as clients need it, and the private key. */
export interface ServerRsaKey {
  /** Modulus. */
  n: bigint;
  /** Public exponent (65537). */
  e: bigint;
  /** Lower 64 bits of SHA1 of the TL-serialized (n, e), as `resPQ` lists it. */
  fingerprint: bigint;
  /** The public key as a PKCS#1 PEM (`-----BEGIN RSA PUBLIC KEY-----`), the form Telegram publishes. */
  pem: string;
  /** The private key, for the raw RSA operation. */
  privateKey: KeyObject;
}

function base64UrlToBigint(value: string): bigint {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  let hex = "";
  for (let i = 0; i < binary.length; i++) {
    hex += binary.charCodeAt(i).toString(16).padStart(2, "0");
  }
  return BigInt("0x" + hex);
}

/** Generates a fresh 2048-bit RSA key pair with e = 65537. */
export function generateServerRsaKey(): ServerRsaKey {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicExponent: 65537,
  });
  const jwk = publicKey.export({ format: "jwk" }) as { n: string; e: string };
  const n = base64UrlToBigint(jwk.n);
  const e = base64UrlToBigint(jwk.e);
  const pem = String(publicKey.export({ type: "pkcs1", format: "pem" }));
  return { n, e, fingerprint: rsaFingerprint(n, e), pem, privateKey };
}

let processKey: ServerRsaKey | undefined;

/**
 * The key pair shared by every test DC in this process, generated on first use.
 * Generating a 2048-bit pair takes about half a second; sharing it keeps test
 * suites that start many DCs fast, and clients are told the key either way.
 */
export function processServerRsaKey(): ServerRsaKey {
  processKey ??= generateServerRsaKey();
  return processKey;
}

/**
 * Raw RSA with the private key: `c^d mod n` as 256 big-endian bytes, or
 * undefined if `c ≥ n` or longer than 256 bytes. A shorter input (a client that
 * dropped leading zero bytes) is read as the same big-endian number.
 */
export function rsaDecryptRaw(
  key: ServerRsaKey,
  encrypted: Uint8Array,
): Uint8Array | undefined {
  if (encrypted.length === 0 || encrypted.length > 256) return undefined;
  if (encrypted.length < 256) {
    const padded = new Uint8Array(256);
    padded.set(encrypted, 256 - encrypted.length);
    encrypted = padded;
  }
  if (bigintFromBytes(encrypted) >= key.n) return undefined;
  try {
    return new Uint8Array(
      privateDecrypt(
        { key: key.privateKey, padding: constants.RSA_NO_PADDING },
        encrypted,
      ),
    );
  } catch {
    return undefined;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Undoes RSA_PAD: returns the 192-byte `data_with_padding` (the TL-serialized
 * inner data followed by random padding), or undefined if the SHA-256 check
 * fails.
 */
export function rsaPadDecrypt(
  key: ServerRsaKey,
  encrypted: Uint8Array,
): Uint8Array | undefined {
  const keyAesEncrypted = rsaDecryptRaw(key, encrypted);
  if (!keyAesEncrypted) return undefined;
  const tempKeyXor = keyAesEncrypted.subarray(0, 32);
  const aesEncrypted = keyAesEncrypted.subarray(32);
  const aesHash = sha256(aesEncrypted);
  const tempKey = new Uint8Array(32);
  for (let i = 0; i < 32; i++) tempKey[i] = tempKeyXor[i] ^ aesHash[i];
  const dataWithHash = aesIgeDecrypt(aesEncrypted, tempKey, new Uint8Array(32));
  const dataWithPadding = dataWithHash.slice(0, 192).reverse();
  const hash = dataWithHash.subarray(192, 224);
  if (!equalBytes(sha256(tempKey, dataWithPadding), hash)) return undefined;
  return dataWithPadding;
}

/**
 * Undoes the older RSA encoding: the decrypted number is
 * `SHA1(data) + data + padding` (255 bytes, so the 256-byte block starts with
 * a zero byte). Returns the bytes after the hash; the caller parses the TL
 * object and then calls {@link legacyHashMatches} with the consumed length.
 */
export function rsaLegacyDecrypt(
  key: ServerRsaKey,
  encrypted: Uint8Array,
): { hash: Uint8Array; rest: Uint8Array } | undefined {
  const block = rsaDecryptRaw(key, encrypted);
  if (!block || block[0] !== 0) return undefined;
  return { hash: block.slice(1, 21), rest: block.slice(21) };
}

/** Whether SHA1 of the first `length` bytes of `rest` equals `hash` (the legacy encoding's integrity check). */
export function legacyHashMatches(
  hash: Uint8Array,
  rest: Uint8Array,
  length: number,
): boolean {
  return length <= rest.length &&
    equalBytes(sha1(rest.subarray(0, length)), hash);
}
