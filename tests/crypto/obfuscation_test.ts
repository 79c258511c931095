import { createCipheriv } from "node:crypto";
import assert from "node:assert/strict";
import { it } from "node:test";
import {
  createAesCtr,
  mtproxySecretKey,
  obfuscationKeys,
  randomBytes,
} from "../../crypto/mod.ts";
import {
  describeWithProviders,
  fromHex,
  loadVectors,
  toHex,
} from "./helpers.ts";

const vectors = loadVectors("obfuscated2.json").vectors;

/** The init header the way a client builds it: tag and dc in the plaintext, the last 8 bytes replaced by ciphertext. */
function buildHeader(
  random64: Uint8Array,
  tag: Uint8Array,
  dc: number | undefined,
  secret?: Uint8Array,
): Uint8Array {
  const plain = random64.slice();
  plain.set(tag, 56);
  if (dc !== undefined) new DataView(plain.buffer).setInt16(60, dc, true);
  const keys = obfuscationKeys(random64, secret);
  const encrypted = createAesCtr(keys.encryptKey, keys.encryptIv).process(
    plain,
  );
  const header = random64.slice();
  header.set(tag, 56);
  if (dc !== undefined) new DataView(header.buffer).setInt16(60, dc, true);
  header.set(encrypted.subarray(56, 64), 56);
  return header;
}

describeWithProviders("obfuscation keys", () => {
  it("reproduce the published init headers, with and without an MTProxy secret", () => {
    assert.equal(vectors.length, 4);
    for (const v of vectors) {
      const secret = v.proxy ? fromHex(v.proxy.secret) : undefined;
      const dc = v.proxy ? v.proxy.dc_id_field : undefined;
      const header = buildHeader(
        fromHex(v.random64),
        fromHex(v.inner_tag),
        dc,
        secret,
      );
      assert.equal(toHex(header), v.header.toLowerCase(), v.case);
    }
  });

  it("derive keys as the specification says (forward bytes 8..56, backward their reverse, SHA-256 with a secret)", () => {
    const header = randomBytes(64);
    const keys = obfuscationKeys(header);
    assert.deepEqual(keys.encryptKey, header.slice(8, 40));
    assert.deepEqual(keys.encryptIv, header.slice(40, 56));
    const reversed = header.slice(8, 56).reverse();
    assert.deepEqual(keys.decryptKey, reversed.slice(0, 32));
    assert.deepEqual(keys.decryptIv, reversed.slice(32, 48));
  });

  it("let a server that swaps the directions talk to the client (node:crypto on the server side)", () => {
    const header = randomBytes(64);
    const secret = randomBytes(16);
    const client = obfuscationKeys(header, secret);
    const toServer = createAesCtr(client.encryptKey, client.encryptIv).process(
      new TextEncoder().encode("hello server"),
    );
    const server = createCipheriv(
      "aes-256-ctr",
      client.encryptKey,
      client.encryptIv,
    );
    assert.equal(
      new TextDecoder().decode(server.update(toServer)),
      "hello server",
    );
    const toClient = createCipheriv(
      "aes-256-ctr",
      client.decryptKey,
      client.decryptIv,
    ).update("hello client");
    assert.equal(
      new TextDecoder().decode(
        createAesCtr(client.decryptKey, client.decryptIv).process(toClient),
      ),
      "hello client",
    );
  });

  it("accept a secret with a dd or ee prefix as its 16 key bytes, refuse other shapes", () => {
    const key = randomBytes(16);
    const header = randomBytes(64);
    const plain = obfuscationKeys(header, key);
    const dd = new Uint8Array([0xdd, ...key]);
    const ee = new Uint8Array([
      0xee,
      ...key,
      ...new TextEncoder().encode("example.com"),
    ]);
    assert.deepEqual(obfuscationKeys(header, dd), plain);
    assert.deepEqual(obfuscationKeys(header, ee), plain);
    assert.deepEqual(mtproxySecretKey(ee), key);
    assert.notDeepEqual(obfuscationKeys(header), plain);
    assert.throws(
      () => obfuscationKeys(header, new Uint8Array(15)),
      RangeError,
    );
    assert.throws(
      () => obfuscationKeys(header, new Uint8Array(17)),
      RangeError,
    );
    assert.throws(() => obfuscationKeys(new Uint8Array(63)), RangeError);
  });
});
