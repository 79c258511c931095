import { generatePrimeSync } from "node:crypto";
import assert from "node:assert/strict";
import { it } from "node:test";
import type { RawAccountPassword } from "../../tl/mod.ts";
import {
  bigintToBytes,
  computePasswordHash,
  computeSrpCheck,
  computeSrpCheckWithSecret,
  computeSrpVerifier,
  SecurityError,
  type SrpAlgo,
  SrpUnsupportedError,
} from "../../crypto/mod.ts";
import { createSrpServerRound, verifySrpM1 } from "../../crypto/srp_server.ts";
import {
  describeWithProviders,
  fromHex,
  hexToBigint,
  loadVectors,
  toHex,
} from "./helpers.ts";

const vector = loadVectors("srp_2fa.json");
const algo: SrpAlgo = {
  _: "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow",
  salt1: fromHex(vector.salt1),
  salt2: fromHex(vector.salt2),
  g: vector.g,
  p: fromHex(vector.p),
};
const [high, low] = (vector.srp_id as string).split(" ")[0].split(":").map(
  Number,
);
const srpId = BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low >>> 0));

function accountPassword(
  algorithm: SrpAlgo,
  srpB: Uint8Array,
): RawAccountPassword {
  return {
    _: "account.password",
    has_password: true,
    current_algo: algorithm,
    srp_B: srpB,
    srp_id: srpId,
    new_algo: algorithm,
    new_secure_algo: { _: "securePasswordKdfAlgoUnknown" },
    secure_random: new Uint8Array(8),
  };
}

function refuses(check: string, fn: () => void): void {
  assert.throws(
    fn,
    (error) => error instanceof SecurityError && error.check === check,
    `expected check ${check}`,
  );
}

describeWithProviders("SRP (2FA)", () => {
  it("reproduces x, v, A and M1 of the published real-world request", () => {
    assert.equal(
      toHex(computePasswordHash(vector.password, algo.salt1, algo.salt2)),
      vector.expected.x_PH2.toLowerCase(),
    );
    assert.equal(
      toHex(computeSrpVerifier(vector.password, algo)),
      vector.expected.v.toLowerCase(),
    );
    const check = computeSrpCheckWithSecret(
      vector.password,
      algo,
      fromHex(vector.srp_B),
      srpId,
      hexToBigint(vector.a),
    );
    assert.equal(check._, "inputCheckPasswordSRP");
    assert.equal(check.srp_id, srpId);
    assert.equal(toHex(check.A), vector.expected.A.toLowerCase());
    assert.equal(toHex(check.M1), vector.expected.M1.toLowerCase());
  });

  it("reproduces the extra password-hash and verifier vectors", () => {
    const short = vector.also.PH2_qwe123_with_40_byte_salt1;
    assert.equal(
      toHex(
        computePasswordHash(
          "qwe123",
          fromHex(short.salt1),
          fromHex(short.salt2),
        ),
      ),
      short.x.toLowerCase(),
    );
    const next = vector.also.new_password_v_123qwe;
    const nextAlgo = {
      ...algo,
      salt1: fromHex(next.salt1),
      salt2: fromHex(next.salt2),
    };
    assert.equal(
      toHex(computeSrpVerifier("123qwe", nextAlgo)),
      next.v.toLowerCase(),
    );
  });

  it("passes our own server's check with the right password and fails it with a wrong one", () => {
    const verifier = computeSrpVerifier("correct horse", algo);
    const round = createSrpServerRound(algo, verifier);
    const good = computeSrpCheck(
      "correct horse",
      accountPassword(algo, round.B),
    );
    verifySrpM1(algo, verifier, round, good.A, good.M1);
    const bad = computeSrpCheck("wrong horse", accountPassword(algo, round.B));
    refuses("M1", () => verifySrpM1(algo, verifier, round, bad.A, bad.M1));
    refuses(
      "g_a",
      () => verifySrpM1(algo, verifier, round, bigintToBytes(1n, 256), good.M1),
    );
  });

  it("refuses a p that is not a safe prime, a bad g, and g_b out of range", () => {
    const srpB = fromHex(vector.srp_B);
    const notSafe = {
      ...algo,
      p: bigintToBytes(generatePrimeSync(2048, { bigint: true }), 256),
    };
    refuses(
      "dh_prime",
      () => computeSrpCheck("x", accountPassword(notSafe, srpB)),
    );
    refuses(
      "g",
      () => computeSrpCheck("x", accountPassword({ ...algo, g: 1 }, srpB)),
    );
    refuses(
      "g",
      () => computeSrpCheck("x", accountPassword({ ...algo, g: 2 }, srpB)),
    ); // not a residue for this p
    const p = hexToBigint(vector.p);
    for (const gB of [0n, 1n, p - 1n, p, 5n]) {
      refuses(
        "g_b",
        () =>
          computeSrpCheck("x", accountPassword(algo, bigintToBytes(gB, 256))),
      );
    }
  });

  it("refuses accounts without a password or with an unknown algorithm", () => {
    const none = accountPassword(algo, fromHex(vector.srp_B));
    delete none.current_algo;
    assert.throws(() => computeSrpCheck("x", none), SrpUnsupportedError);
    const unknown = accountPassword(algo, fromHex(vector.srp_B));
    unknown.current_algo = { _: "passwordKdfAlgoUnknown" };
    assert.throws(() => computeSrpCheck("x", unknown), SrpUnsupportedError);
  });
});
