import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  aesIgeDecrypt,
  newNonceHash,
  rsaFingerprint,
  type RsaPublicKey,
  SecurityError,
  sha1,
  TELEGRAM_PUBLIC_KEYS,
  tmpAesKeyIv,
} from "../../crypto/mod.ts";
import { rsaPadDecrypt } from "../../crypto/rsa_server.ts";
import { deserialize, serialize, TLReader } from "../../tl/mod.ts";
import type {
  TypeResPQ,
  TypeServerDHParams,
  TypeSetClientDHParamsAnswer,
} from "../../tl/mod.ts";
import {
  type AuthKeyExchangeOptions,
  finish,
  innerDataDcId,
  step1,
  step2,
  step3,
} from "../../client/auth_key_exchange.ts";
import { AuthKeyExchangeError } from "../../client/auth_key_error.ts";
import {
  fromHex,
  loadAuthKeySample,
  scriptedRandom,
  testRsaKeyPair,
  toHex,
} from "./helpers.ts";

const sample = loadAuthKeySample();
const v = sample.values;
const serverTimeMs = sample.scalars.server_time * 1000;

function sampleKey(): RsaPublicKey {
  const key = (sample as unknown as {
    telegram_rsa_key_for_fingerprint: { n: string; e: string };
  })
    .telegram_rsa_key_for_fingerprint;
  const n = BigInt("0x" + key.n);
  const e = BigInt("0x" + key.e);
  return { n, e, fingerprint: rsaFingerprint(n, e) };
}

function sampleOptions(
  publicKeys: RsaPublicKey[] = [sampleKey()],
): AuthKeyExchangeOptions {
  return {
    dcId: sample.scalars.dc,
    publicKeys,
    random: scriptedRandom(
      fromHex(v.nonce),
      fromHex(v.new_nonce),
      fromHex(v.b),
      fromHex(v.client_dh_padding),
      // for a dh_gen_retry: a second b and its padding
      fromHex(v.b).reverse(),
      fromHex(v.client_dh_padding),
    ),
  };
}

const resPQ = () => deserialize(fromHex(sample.bodies.resPQ)) as TypeResPQ;
const serverDhParams = () =>
  deserialize(fromHex(sample.bodies.server_DH_params_ok)) as TypeServerDHParams;
const dhGenOk = () =>
  deserialize(fromHex(sample.bodies.dh_gen_ok)) as TypeSetClientDHParamsAnswer;

/** Runs the sample's exchange up to the state after step 3. */
function throughStep3(options = sampleOptions()) {
  const a = step1(options);
  const b = step2(a.state, resPQ());
  return step3(b.state, serverDhParams(), serverTimeMs);
}

describe("auth key exchange (Telegram's worked example)", () => {
  it("the sample's RSA key has the fingerprint the server offers", () => {
    assert.equal(
      BigInt.asUintN(64, sampleKey().fingerprint).toString(16),
      "d09d1d85de64fd85",
    );
    assert.ok(
      resPQ()._ === "resPQ" &&
        resPQ().server_public_key_fingerprints.includes(
          sampleKey().fingerprint,
        ),
    );
  });

  it("step1 sends req_pq_multi with the nonce", () => {
    const { request } = step1(sampleOptions());
    assert.equal(toHex(serialize(request)), sample.bodies.req_pq_multi);
  });

  it("step2 sends req_DH_params with p, q and the fingerprint, byte for byte up to encrypted_data", () => {
    const a = step1(sampleOptions());
    const { request } = step2(a.state, resPQ());
    const bytes = serialize(request);
    const expected = fromHex(sample.bodies.req_DH_params);
    assert.equal(bytes.length, expected.length);
    // encrypted_data is the last 4 + 256 bytes; RSA_PAD's temporary key is random.
    assert.equal(
      toHex(bytes.subarray(0, bytes.length - 260)),
      toHex(expected.subarray(0, expected.length - 260)),
    );
    assert.equal(request.encrypted_data.length, 256);
  });

  it("step2's encrypted_data decrypts to the sample's p_q_inner_data_dc", () => {
    const { publicKey, privateKey } = testRsaKeyPair();
    const a = step1(sampleOptions([sampleKey(), publicKey]));
    const offer = resPQ();
    const b = step2(
      a.state,
      {
        ...offer,
        server_public_key_fingerprints: [123n, publicKey.fingerprint],
      } as TypeResPQ,
    );
    assert.equal(b.request.public_key_fingerprint, publicKey.fingerprint);
    const inner = rsaPadDecrypt(b.request.encrypted_data, privateKey);
    const expected = fromHex(v.p_q_inner_data_dc);
    assert.equal(
      toHex(inner.subarray(0, expected.length)),
      v.p_q_inner_data_dc,
    );
  });

  it("step3 sends the sample's set_client_DH_params exactly", () => {
    const c = throughStep3();
    assert.equal(
      toHex(serialize(c.request)),
      sample.bodies.set_client_DH_params,
    );
  });

  it("finish gives the sample's auth key, first salt and a zero time offset", () => {
    const c = throughStep3();
    const outcome = finish(c.state, dhGenOk());
    assert.equal(outcome.type, "done");
    if (outcome.type !== "done") return;
    assert.equal(toHex(outcome.authKey), v.auth_key);
    const salt = new Uint8Array(8);
    new DataView(salt.buffer).setBigInt64(0, outcome.serverSalt, true);
    assert.equal(toHex(salt), v.server_salt);
    assert.equal(outcome.timeOffset, 0);
  });

  it("measures the offset to the server's clock from server_time", () => {
    const options = sampleOptions();
    const a = step1(options);
    const b = step2(a.state, resPQ());
    const c = step3(b.state, serverDhParams(), serverTimeMs + 3_600_500);
    const outcome = finish(c.state, dhGenOk());
    assert.ok(outcome.type === "done");
    assert.equal(outcome.timeOffset, -3600);
  });

  it("dh_gen_retry gives a new set_client_DH_params with retry_id = auth_key_aux_hash", () => {
    const c = throughStep3();
    const ok = dhGenOk();
    assert.ok(ok._ === "dh_gen_ok");
    const authKey = fromHex(v.auth_key);
    const newNonce = new TLReader(fromHex(v.new_nonce)).readInt256();
    const retry = {
      _: "dh_gen_retry",
      nonce: ok.nonce,
      server_nonce: ok.server_nonce,
      new_nonce_hash2: newNonceHash(newNonce, authKey, 2),
    } as TypeSetClientDHParamsAnswer;
    const outcome = finish(c.state, retry);
    assert.equal(outcome.type, "retry");
    if (outcome.type !== "retry") return;
    const serverNonce = new TLReader(fromHex(v.server_nonce)).readInt128();
    const { key, iv } = tmpAesKeyIv(newNonce, serverNonce);
    const plain = aesIgeDecrypt(outcome.request.encrypted_data, key, iv);
    const reader = new TLReader(plain.subarray(20));
    const inner = reader.readObject();
    assert.ok(inner._ === "client_DH_inner_data");
    assert.deepEqual(
      sha1(plain.subarray(20, 20 + reader.offset)),
      plain.subarray(0, 20),
    );
    const aux = new Uint8Array(8);
    new DataView(aux.buffer).setBigInt64(0, inner.retry_id, true);
    assert.equal(toHex(aux), v.auth_key_aux_hash);
    assert.notEqual(toHex(inner.g_b), v.g_b, "a fresh b is chosen");
    // The retried key is a different one; a dh_gen_ok for it completes the exchange.
    const again = finish(outcome.state, {
      ...ok,
      new_nonce_hash1: newNonceHash(newNonce, outcome.state.authKey!, 1),
    });
    assert.ok(again.type === "done");
    assert.notEqual(toHex(again.authKey), v.auth_key);
  });

  it("dh_gen_fail is an AuthKeyExchangeError", () => {
    const c = throughStep3();
    const ok = dhGenOk();
    assert.ok(ok._ === "dh_gen_ok");
    const newNonce = new TLReader(fromHex(v.new_nonce)).readInt256();
    const fail = {
      _: "dh_gen_fail",
      nonce: ok.nonce,
      server_nonce: ok.server_nonce,
      new_nonce_hash3: newNonceHash(newNonce, fromHex(v.auth_key), 3),
    } as TypeSetClientDHParamsAnswer;
    assert.throws(() => finish(c.state, fail), AuthKeyExchangeError);
  });

  it("innerDataDcId: +10000 for test servers, negative for media", () => {
    assert.equal(innerDataDcId(2), 2);
    assert.equal(innerDataDcId(2, { testMode: true }), 10002);
    assert.equal(innerDataDcId(4, { media: true }), -4);
    assert.equal(innerDataDcId(1, { testMode: true, media: true }), -10001);
  });

  it("Telegram's built-in keys are offered by default to callers", () => {
    assert.ok(TELEGRAM_PUBLIC_KEYS.length >= 1);
  });
});

describe("auth key exchange refuses a bad server", () => {
  function check(fn: () => unknown, name: string) {
    assert.throws(
      fn,
      (e: unknown) => e instanceof SecurityError && e.check === name,
    );
  }

  it("a resPQ with another nonce", () => {
    const a = step1(sampleOptions());
    check(
      () => step2(a.state, { ...resPQ(), nonce: 1n } as TypeResPQ),
      "nonce",
    );
  });

  it("a resPQ offering no trusted key", () => {
    const a = step1(sampleOptions());
    check(
      () =>
        step2(
          a.state,
          { ...resPQ(), server_public_key_fingerprints: [42n] } as TypeResPQ,
        ),
      "rsa_fingerprint",
    );
  });

  it("a pq that is too long or prime", () => {
    const a = step1(sampleOptions());
    check(
      () =>
        step2(
          a.state,
          { ...resPQ(), pq: new Uint8Array(9).fill(1) } as TypeResPQ,
        ),
      "pq",
    );
  });

  function throughStep2() {
    const a = step1(sampleOptions());
    return step2(a.state, resPQ());
  }

  it("Server_DH_Params with another server_nonce", () => {
    const b = throughStep2();
    check(
      () =>
        step3(
          b.state,
          { ...serverDhParams(), server_nonce: 5n } as TypeServerDHParams,
          serverTimeMs,
        ),
      "server_nonce",
    );
  });

  it("an encrypted_answer whose SHA1 does not match", () => {
    const b = throughStep2();
    const params = serverDhParams();
    assert.ok(params._ === "server_DH_params_ok");
    const tampered = params.encrypted_answer.slice();
    tampered[tampered.length - 1] ^= 1;
    check(
      () =>
        step3(b.state, { ...params, encrypted_answer: tampered }, serverTimeMs),
      "answer_hash",
    );
  });

  it("an encrypted_answer that is not whole blocks", () => {
    const b = throughStep2();
    const params = serverDhParams();
    assert.ok(params._ === "server_DH_params_ok");
    check(
      () =>
        step3(b.state, {
          ...params,
          encrypted_answer: params.encrypted_answer.subarray(1),
        }, serverTimeMs),
      "encrypted_answer",
    );
  });

  it("a dh_gen_ok with a wrong new_nonce_hash1", () => {
    const c = throughStep3();
    const ok = dhGenOk();
    assert.ok(ok._ === "dh_gen_ok");
    check(
      () =>
        finish(c.state, { ...ok, new_nonce_hash1: ok.new_nonce_hash1 ^ 1n }),
      "new_nonce_hash1",
    );
  });

  it("a dh_gen_ok with another nonce", () => {
    const c = throughStep3();
    const ok = dhGenOk();
    assert.ok(ok._ === "dh_gen_ok");
    check(() => finish(c.state, { ...ok, nonce: ok.nonce ^ 1n }), "nonce");
  });
});
