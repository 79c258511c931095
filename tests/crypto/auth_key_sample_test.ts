/**
 * Telegram's worked example of creating an auth key (core.telegram.org/mtproto/samples-auth_key):
 * every derived value reproduced from the published inputs.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import {
  aesIgeDecrypt,
  aesIgeEncrypt,
  authKeyId,
  authKeyIdBytes,
  bigintFromBytes,
  bigintToBytes,
  checkAnswerWithHash,
  checkDhParams,
  checkDhValue,
  factorizePQ,
  findRsaKey,
  initialServerSalt,
  modPow,
  newNonceHash,
  sha1,
  TELEGRAM_DH_PRIME,
  TELEGRAM_PUBLIC_KEYS,
  tmpAesKeyIv,
} from "../../crypto/mod.ts";
import {
  describeWithProviders,
  fromHex,
  hexToBigint,
  loadVectors,
  toHex,
} from "./helpers.ts";

const sample = loadVectors("auth_key_sample.json");
const v = sample.values;
const le = (hex: string) => bigintFromBytes(fromHex(hex), true);

describeWithProviders("auth key sample", () => {
  it("factorises pq into p < q", () => {
    assert.deepEqual(factorizePQ(hexToBigint(v.pq)), [
      hexToBigint(v.p),
      hexToBigint(v.q),
    ]);
    assert.equal(BigInt(sample.scalars.pq_decimal), hexToBigint(v.pq));
  });

  it("computes the production key's fingerprint from its PEM and finds it among resPQ's fingerprints", () => {
    const production = TELEGRAM_PUBLIC_KEYS[0];
    assert.equal(
      production.n,
      hexToBigint(sample.telegram_rsa_key_for_fingerprint.n),
    );
    assert.equal(production.e, 65537n);
    assert.equal(
      BigInt.asUintN(64, production.fingerprint),
      hexToBigint("d09d1d85de64fd85"),
    );
    // resPQ ends with the fingerprint vector: count, then one little-endian long
    const resPQ = fromHex(sample.bodies.resPQ);
    const wireFingerprint = resPQ.subarray(resPQ.length - 8);
    assert.equal(
      toHex(wireFingerprint),
      sample.telegram_rsa_key_for_fingerprint.fingerprint_wire_le.toLowerCase(),
    );
    const offered = BigInt.asIntN(64, bigintFromBytes(wireFingerprint, true));
    assert.equal(findRsaKey([offered]), production);
    assert.equal(findRsaKey([BigInt.asUintN(64, offered)]), production);
    assert.equal(findRsaKey([123n]), undefined);
  });

  it("derives tmp_aes_key and tmp_aes_iv from the nonces (bigint and bytes forms)", () => {
    const fromBigints = tmpAesKeyIv(le(v.new_nonce), le(v.server_nonce));
    assert.equal(toHex(fromBigints.key), v.tmp_aes_key.toLowerCase());
    assert.equal(toHex(fromBigints.iv), v.tmp_aes_iv.toLowerCase());
    const fromBytes = tmpAesKeyIv(
      fromHex(v.new_nonce),
      fromHex(v.server_nonce),
    );
    assert.deepEqual(fromBytes, fromBigints);
  });

  it("decrypts encrypted_answer and checks its SHA-1", () => {
    const { key, iv } = tmpAesKeyIv(
      fromHex(v.new_nonce),
      fromHex(v.server_nonce),
    );
    const answerWithHash = aesIgeDecrypt(fromHex(v.encrypted_answer), key, iv);
    assert.equal(toHex(answerWithHash), v.answer_with_hash.toLowerCase());
    assert.equal(
      toHex(checkAnswerWithHash(answerWithHash)),
      v.server_DH_inner_data.toLowerCase(),
    );
  });

  it("accepts the sample's dh_prime, g, g_a and g_b", () => {
    const dhPrime = hexToBigint(v.dh_prime);
    assert.equal(dhPrime, TELEGRAM_DH_PRIME);
    checkDhParams(dhPrime, sample.scalars.g);
    checkDhValue(hexToBigint(v.g_a), dhPrime, "g_a");
    const gB = modPow(BigInt(sample.scalars.g), hexToBigint(v.b), dhPrime);
    assert.equal(gB, hexToBigint(v.g_b));
    checkDhValue(gB, dhPrime, "g_b");
  });

  it("encrypts client_DH_inner_data into the published encrypted_data", () => {
    const { key, iv } = tmpAesKeyIv(
      fromHex(v.new_nonce),
      fromHex(v.server_nonce),
    );
    const inner = fromHex(v.client_DH_inner_data);
    const padding = fromHex(v.client_dh_padding);
    const dataWithHash = new Uint8Array(20 + inner.length + padding.length);
    dataWithHash.set(sha1(inner), 0);
    dataWithHash.set(inner, 20);
    dataWithHash.set(padding, 20 + inner.length);
    assert.equal(
      toHex(aesIgeEncrypt(dataWithHash, key, iv)),
      v.client_dh_encrypted_data.toLowerCase(),
    );
    assert.deepEqual(checkAnswerWithHash(dataWithHash), inner);
  });

  it("computes auth_key, its id, aux hash, new_nonce_hash1 and the first salt", () => {
    const dhPrime = hexToBigint(v.dh_prime);
    const authKey = bigintToBytes(
      modPow(hexToBigint(v.g_a), hexToBigint(v.b), dhPrime),
      256,
    );
    assert.equal(toHex(authKey), v.auth_key.toLowerCase());
    assert.equal(toHex(authKeyIdBytes(authKey)), v.auth_key_id.toLowerCase());
    assert.equal(authKeyId(authKey), BigInt.asIntN(64, le(v.auth_key_id)));
    assert.equal(
      toHex(sha1(authKey).subarray(0, 8)),
      v.auth_key_aux_hash.toLowerCase(),
    );
    assert.equal(
      newNonceHash(le(v.new_nonce), authKey, 1),
      le(v.new_nonce_hash1),
    );
    assert.notEqual(
      newNonceHash(le(v.new_nonce), authKey, 2),
      le(v.new_nonce_hash1),
    );
    // dh_gen_ok's body ends with new_nonce_hash1
    assert.ok(
      sample.bodies.dh_gen_ok.toLowerCase().endsWith(
        v.new_nonce_hash1.toLowerCase(),
      ),
    );
    assert.equal(
      initialServerSalt(fromHex(v.new_nonce), fromHex(v.server_nonce)),
      BigInt.asIntN(64, le(v.server_salt)),
    );
  });
});
