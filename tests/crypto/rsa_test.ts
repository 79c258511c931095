import {
  constants,
  createHash,
  generateKeyPairSync,
  privateDecrypt,
} from "node:crypto";
import assert from "node:assert/strict";
import { it } from "node:test";
import {
  aesIgeDecrypt,
  bigintFromBytes,
  findRsaKey,
  parseRsaPublicKeyPem,
  randomBytes,
  rsaEncryptLegacy,
  RsaKeyError,
  rsaPadEncrypt,
  type RsaPublicKey,
  SecurityError,
  TELEGRAM_PUBLIC_KEYS,
} from "../../crypto/mod.ts";
import { rsaPadDecrypt } from "../../crypto/rsa_server.ts";
import { describeWithProviders, toHex } from "./helpers.ts";

const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = pair.privateKey.export({ format: "jwk" });
const b64 = (s: string | undefined) =>
  bigintFromBytes(
    Uint8Array.from(atob(s!.replace(/-/g, "+").replace(/_/g, "/")), (c) =>
      c.charCodeAt(0)),
  );
const privateKey = { n: b64(jwk.n), d: b64(jwk.d) };
const localKey: RsaPublicKey = parseRsaPublicKeyPem(
  pair.publicKey.export({ format: "pem", type: "pkcs1" }).toString(),
);

describeWithProviders("RSA", () => {
  it("parses Telegram's production and test keys from PEM (fingerprints computed, not stored)", () => {
    assert.equal(TELEGRAM_PUBLIC_KEYS.length, 2);
    const [production, test] = TELEGRAM_PUBLIC_KEYS;
    assert.equal(
      BigInt.asUintN(64, production.fingerprint).toString(16),
      "d09d1d85de64fd85",
    );
    assert.equal(
      BigInt.asUintN(64, test.fingerprint).toString(16),
      "b25898df208d2603",
    );
    for (const key of TELEGRAM_PUBLIC_KEYS) {
      assert.equal(key.e, 65537n);
      assert.equal(key.n.toString(2).length, 2048);
    }
  });

  it("parses PKCS#1 and SubjectPublicKeyInfo PEMs from node:crypto into the same key", () => {
    const spki = parseRsaPublicKeyPem(
      pair.publicKey.export({ format: "pem", type: "spki" }).toString(),
    );
    assert.deepEqual(spki, localKey);
    assert.equal(localKey.n, privateKey.n);
    assert.equal(localKey.e, 65537n);
  });

  it("finds extra keys before Telegram's", () => {
    assert.equal(findRsaKey([localKey.fingerprint], [localKey]), localKey);
    assert.equal(findRsaKey([localKey.fingerprint]), undefined);
    assert.equal(
      findRsaKey([1n, TELEGRAM_PUBLIC_KEYS[1].fingerprint], [localKey]),
      TELEGRAM_PUBLIC_KEYS[1],
    );
  });

  it("RSA_PAD: node:crypto's raw RSA decryption yields temp_key_xor + AES part that unwrap to our data", () => {
    for (const length of [0, 1, 96, 144]) {
      const data = randomBytes(length);
      const encrypted = rsaPadEncrypt(data, localKey);
      assert.equal(encrypted.length, 256);
      // unwrap by the specification, with node:crypto for RSA and SHA-256
      const raw = new Uint8Array(
        privateDecrypt({
          key: pair.privateKey,
          padding: constants.RSA_NO_PADDING,
        }, encrypted),
      );
      const aesEncrypted = raw.subarray(32);
      const sha = (...parts: Uint8Array[]) =>
        new Uint8Array(
          parts.reduce((h, p) => h.update(p), createHash("sha256")).digest(),
        );
      const tempKey = sha(aesEncrypted).map((b, i) => b ^ raw[i]);
      const dataWithHash = aesIgeDecrypt(
        aesEncrypted,
        tempKey,
        new Uint8Array(32),
      );
      const dataWithPadding = dataWithHash.slice(0, 192).reverse();
      assert.deepEqual(dataWithPadding.subarray(0, length), data);
      assert.deepEqual(
        sha(tempKey, dataWithPadding),
        dataWithHash.subarray(192),
      );
      const unwrapped = rsaPadDecrypt(encrypted, privateKey);
      assert.equal(unwrapped.length, 192);
      assert.deepEqual(unwrapped.subarray(0, length), data);
    }
  });

  it("RSA_PAD: two encryptions of the same data differ (fresh temp_key and padding)", () => {
    const data = randomBytes(100);
    assert.notDeepEqual(
      rsaPadEncrypt(data, localKey),
      rsaPadEncrypt(data, localKey),
    );
  });

  it("RSA_PAD refuses data over 144 bytes; the server side refuses tampered ciphertext", () => {
    assert.throws(
      () => rsaPadEncrypt(new Uint8Array(145), localKey),
      RangeError,
    );
    const encrypted = rsaPadEncrypt(randomBytes(100), localKey);
    encrypted[100] ^= 1;
    assert.throws(
      () => rsaPadDecrypt(encrypted, privateKey),
      (e) => e instanceof SecurityError && e.check === "rsa_pad",
    );
    assert.throws(
      () => rsaPadDecrypt(new Uint8Array(256).fill(0xff), privateKey),
      SecurityError,
    );
  });

  it("legacy RSA: SHA1(data) + data + padding to 255 bytes, checked with node:crypto", () => {
    const data = randomBytes(200);
    const raw = privateDecrypt({
      key: pair.privateKey,
      padding: constants.RSA_NO_PADDING,
    }, rsaEncryptLegacy(data, localKey));
    assert.equal(raw[0], 0);
    assert.equal(
      toHex(raw.subarray(1, 21)),
      createHash("sha1").update(data).digest("hex"),
    );
    assert.deepEqual(new Uint8Array(raw.subarray(21, 221)), data);
    assert.throws(
      () => rsaEncryptLegacy(new Uint8Array(236), localKey),
      RangeError,
    );
  });

  it("refuses malformed PEM and DER", () => {
    assert.throws(() => parseRsaPublicKeyPem("hello"), RsaKeyError);
    assert.throws(
      () =>
        parseRsaPublicKeyPem(
          "-----BEGIN RSA PUBLIC KEY-----\n!!!\n-----END RSA PUBLIC KEY-----",
        ),
      RsaKeyError,
    );
    assert.throws(
      () =>
        parseRsaPublicKeyPem(
          "-----BEGIN RSA PUBLIC KEY-----\nMAA=\n-----END RSA PUBLIC KEY-----",
        ),
      RsaKeyError,
    );
    assert.throws(
      () =>
        parseRsaPublicKeyPem(
          "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----",
        ),
      RsaKeyError,
    );
  });
});
