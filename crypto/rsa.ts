/**
 * RSA for the key exchange: public keys from PEM, Telegram's key
 * fingerprints, RSA_PAD (MTProto 2.0) and the older SHA-1 padding.
 *
 * @module
 */

import { aesIgeEncrypt } from "./aes_ige.ts";
import {
  bigintFromBytes,
  bigintToBytes,
  bigintToMinimalBytes,
} from "./bigint_bytes.ts";
import { concatBytes, xorBytes } from "./bytes.ts";
import { sha1, sha256 } from "./hash.ts";
import { modPow } from "./mod_pow.ts";
import { randomBytes } from "./random.ts";
import {
  TELEGRAM_PRODUCTION_KEY_PEM,
  TELEGRAM_TEST_KEY_PEM,
} from "./telegram_rsa_keys.ts";

/** An RSA public key and its Telegram fingerprint. */
export interface RsaPublicKey {
  /** The modulus. */
  n: bigint;
  /** The public exponent. */
  e: bigint;
  /** {@link rsaFingerprint} of n and e: a signed 64-bit value, as the TL layer reads a `long`. */
  fingerprint: bigint;
}

/** A malformed PEM or DER key. */
export class RsaKeyError extends Error {
  /** Creates the error with a message saying what is wrong. */
  constructor(message: string) {
    super(message);
    this.name = "RsaKeyError";
  }
}

/** A minimal DER reader: enough for PKCS#1 RSAPublicKey and SubjectPublicKeyInfo. */
class DerReader {
  offset = 0;
  constructor(readonly bytes: Uint8Array, readonly end = bytes.length) {}

  /** Reads one element with the expected tag and returns its contents. */
  read(tag: number): Uint8Array {
    const { bytes } = this;
    if (this.offset + 2 > this.end) throw new RsaKeyError("DER: truncated");
    if (bytes[this.offset] !== tag) {
      throw new RsaKeyError(
        `DER: expected tag ${tag}, got ${bytes[this.offset]}`,
      );
    }
    let length = bytes[this.offset + 1];
    this.offset += 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 3 || this.offset + count > this.end) {
        throw new RsaKeyError("DER: bad length");
      }
      length = 0;
      for (let i = 0; i < count; i++) {
        length = length * 256 + bytes[this.offset++];
      }
    }
    if (this.offset + length > this.end) {
      throw new RsaKeyError("DER: length past the end");
    }
    const contents = bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return contents;
  }
}

/** Decodes an RSA public key from DER: PKCS#1 `RSAPublicKey` or X.509 `SubjectPublicKeyInfo`. */
function decodeRsaDer(der: Uint8Array): { n: bigint; e: bigint } {
  const outer = new DerReader(new DerReader(der).read(0x30));
  if (outer.bytes[0] === 0x30) {
    // SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING { RSAPublicKey } }
    outer.read(0x30);
    const bits = outer.read(0x03);
    if (bits.length < 1 || bits[0] !== 0) {
      throw new RsaKeyError("DER: bad BIT STRING");
    }
    return decodeRsaDer(bits.subarray(1));
  }
  const n = bigintFromBytes(outer.read(0x02));
  const e = bigintFromBytes(outer.read(0x02));
  if (n < 3n || e < 3n) {
    throw new RsaKeyError("RSA key has a bad modulus or exponent");
  }
  return { n, e };
}

/**
 * Parses a PEM RSA public key (`BEGIN RSA PUBLIC KEY`, PKCS#1, as Telegram
 * publishes them, or `BEGIN PUBLIC KEY`, X.509 SubjectPublicKeyInfo, as
 * OpenSSL/node:crypto export them) and computes its fingerprint.
 */
export function parseRsaPublicKeyPem(pem: string): RsaPublicKey {
  const match =
    /-----BEGIN (RSA )?PUBLIC KEY-----([^-]*)-----END (RSA )?PUBLIC KEY-----/
      .exec(pem);
  if (!match) throw new RsaKeyError("not a PEM public key");
  let der: Uint8Array;
  try {
    der = Uint8Array.from(
      atob(match[2].replace(/\s+/g, "")),
      (c) => c.charCodeAt(0),
    );
  } catch {
    throw new RsaKeyError("PEM body is not base64");
  }
  const { n, e } = decodeRsaDer(der);
  return { n, e, fingerprint: rsaFingerprint(n, e) };
}

/** TL `bytes` serialisation (length prefix, data, zero padding to 4 bytes). */
function tlBytes(data: Uint8Array): Uint8Array {
  const header = data.length < 254 ? [data.length] : [
    254,
    data.length & 0xff,
    (data.length >> 8) & 0xff,
    (data.length >> 16) & 0xff,
  ];
  const out = new Uint8Array(Math.ceil((header.length + data.length) / 4) * 4);
  out.set(header);
  out.set(data, header.length);
  return out;
}

/**
 * Telegram's RSA key fingerprint: the lower 64 bits of SHA1 of the TL
 * serialisation of `rsa_public_key n:bytes e:bytes` (big-endian minimal
 * bytes), i.e. the last 8 bytes of the hash read little-endian. Returned
 * signed, as the TL layer decodes the `long` fingerprints of `resPQ`.
 */
export function rsaFingerprint(n: bigint, e: bigint): bigint {
  const hash = sha1(
    tlBytes(bigintToMinimalBytes(n)),
    tlBytes(bigintToMinimalBytes(e)),
  );
  return BigInt.asIntN(64, bigintFromBytes(hash.subarray(12, 20), true));
}

/** Telegram's production and test public keys, parsed from their PEM at load. */
export const TELEGRAM_PUBLIC_KEYS: readonly RsaPublicKey[] = [
  parseRsaPublicKeyPem(TELEGRAM_PRODUCTION_KEY_PEM),
  parseRsaPublicKeyPem(TELEGRAM_TEST_KEY_PEM),
];

/**
 * The first key whose fingerprint the server offered (in `resPQ`), looking at
 * `extraKeys` (e.g. the local test DC's key) and then Telegram's keys; or
 * `undefined`. Fingerprints compare as 64-bit values whether signed or not.
 */
export function findRsaKey(
  fingerprints: readonly bigint[],
  extraKeys: readonly RsaPublicKey[] = [],
): RsaPublicKey | undefined {
  const offered = new Set(fingerprints.map((f) => BigInt.asIntN(64, f)));
  for (const key of [...extraKeys, ...TELEGRAM_PUBLIC_KEYS]) {
    if (offered.has(BigInt.asIntN(64, key.fingerprint))) return key;
  }
  return undefined;
}

/** The longest `data` RSA_PAD accepts. */
export const RSA_PAD_MAX_DATA = 144;

/**
 * RSA_PAD of the MTProto 2.0 key exchange ("Creating an Authorization Key"),
 * for `p_q_inner_data*` (at most 144 bytes):
 * data_with_padding = data + random to 192 bytes; data_with_hash =
 * reverse(data_with_padding) + SHA256(temp_key + data_with_padding);
 * aes_encrypted = AES-256-IGE(data_with_hash, temp_key, zero iv);
 * key_aes_encrypted = (temp_key XOR SHA256(aes_encrypted)) + aes_encrypted,
 * retried with a new temp_key until it is below the modulus; the result is
 * key_aes_encrypted ^ e mod n as 256 big-endian bytes.
 */
export function rsaPadEncrypt(data: Uint8Array, key: RsaPublicKey): Uint8Array {
  if (data.length > RSA_PAD_MAX_DATA) {
    throw new RangeError(
      `RSA_PAD data must be at most ${RSA_PAD_MAX_DATA} bytes, got ${data.length}`,
    );
  }
  const dataWithPadding = concatBytes(data, randomBytes(192 - data.length));
  const reversed = dataWithPadding.slice().reverse();
  for (let attempt = 0; attempt < 256; attempt++) {
    const tempKey = randomBytes(32);
    const dataWithHash = concatBytes(
      reversed,
      sha256(tempKey, dataWithPadding),
    );
    const aesEncrypted = aesIgeEncrypt(
      dataWithHash,
      tempKey,
      new Uint8Array(32),
    );
    const keyAesEncrypted = concatBytes(
      xorBytes(tempKey, sha256(aesEncrypted)),
      aesEncrypted,
    );
    const value = bigintFromBytes(keyAesEncrypted);
    if (value < key.n) return bigintToBytes(modPow(value, key.e, key.n), 256);
  }
  // Only a modulus far below 2^2048 gets here (each attempt succeeds with probability n / 2^2048).
  throw new RangeError("RSA_PAD: the key's modulus is too small");
}

/**
 * The older RSA encryption of the key exchange (before RSA_PAD):
 * SHA1(data) + data + random bytes up to 255 bytes, raised to e mod n, as
 * 256 big-endian bytes. `data` is the TL-serialised inner data (at most 235
 * bytes); the hash and padding are added here.
 */
export function rsaEncryptLegacy(
  data: Uint8Array,
  key: RsaPublicKey,
): Uint8Array {
  if (data.length > 235) {
    throw new RangeError(
      `legacy RSA data must be at most 235 bytes, got ${data.length}`,
    );
  }
  const dataWithHash = concatBytes(
    sha1(data),
    data,
    randomBytes(235 - data.length),
  );
  return bigintToBytes(
    modPow(bigintFromBytes(dataWithHash), key.e, key.n),
    256,
  );
}
