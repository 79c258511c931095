import { generatePrimeSync, getDiffieHellman } from "node:crypto";
import assert from "node:assert/strict";
import { it } from "node:test";
import {
  bigintFromBytes,
  checkAnswerWithHash,
  checkDhParams,
  checkDhValue,
  checkNonce,
  isSafePrime,
  modPow,
  SecurityError,
  TELEGRAM_DH_PRIME,
  withHashAndPadding,
} from "../../crypto/mod.ts";
import { describeWithProviders } from "./helpers.ts";

const P = TELEGRAM_DH_PRIME;
const MODP14 = bigintFromBytes(getDiffieHellman("modp14").getPrime()); // RFC 3526: a 2048-bit safe prime

function refuses(check: string, fn: () => void): void {
  assert.throws(
    fn,
    (error) => error instanceof SecurityError && error.check === check,
  );
}

describeWithProviders("DH parameter checks", () => {
  it("accept Telegram's prime and the RFC 3526 2048-bit prime as safe", () => {
    assert.ok(isSafePrime(P));
    assert.ok(isSafePrime(MODP14));
  });

  it("accept g exactly when g is a quadratic residue mod p (Euler's criterion)", () => {
    for (const p of [P, MODP14]) {
      let accepted = 0;
      for (let g = 2; g <= 7; g++) {
        const residue = modPow(BigInt(g), (p - 1n) / 2n, p) === 1n;
        if (residue) {
          checkDhParams(p, g);
          accepted++;
        } else {
          refuses("g", () => checkDhParams(p, g));
        }
      }
      assert.ok(accepted >= 1); // g = 4 always qualifies
    }
  });

  it("refuse g outside 2..7", () => {
    for (const g of [-1, 0, 1, 8, 256, 2.5]) {
      refuses("g", () => checkDhParams(P, g));
    }
  });

  it("refuse a 2048-bit prime that is not safe", () => {
    const prime = generatePrimeSync(2048, { bigint: true });
    assert.ok(!isSafePrime(prime));
    refuses("dh_prime", () => checkDhParams(prime, 4));
  });

  it("refuse composites and numbers of the wrong size", () => {
    refuses("dh_prime", () => checkDhParams(P + 2n, 4));
    refuses("dh_prime", () => checkDhParams(P * 3n, 4));
    refuses("dh_prime", () => checkDhParams(P >> 1n, 4));
    refuses("dh_prime", () => checkDhParams(0n, 4));
    refuses("dh_prime", () => checkDhParams((1n << 2048n) - 1n, 4));
  });
});

describeWithProviders("DH value checks", () => {
  const margin = 1n << 1984n;
  it("refuse g_a = 1, g_a = p − 1 and the values around them", () => {
    for (const value of [-1n, 0n, 1n, P - 1n, P, P + 1n, 2n, P - 2n]) {
      refuses("g_a", () => checkDhValue(value, P, "g_a"));
    }
  });

  it("refuse values within 2^1984 of either end, accept the bounds themselves", () => {
    refuses("g_b", () => checkDhValue(margin - 1n, P, "g_b"));
    refuses("g_b", () => checkDhValue(P - margin + 1n, P, "g_b"));
    checkDhValue(margin, P, "g_b");
    checkDhValue(P - margin, P, "g_b");
    checkDhValue(modPow(3n, 123456789n, P), P, "g_b");
  });

  it("name the failed check after the value", () => {
    assert.throws(() => checkDhValue(1n, P, "g_b"), /g_b/);
  });
});

describeWithProviders("nonce and answer-hash checks", () => {
  it("refuse a wrong nonce", () => {
    checkNonce("nonce", 5n, 5n);
    refuses("nonce", () => checkNonce("nonce", 5n, 6n));
    refuses("server_nonce", () => checkNonce("server_nonce", 5n, 1n << 100n));
  });

  it("strip the hash and 0..15 padding bytes, refuse a tampered answer", () => {
    for (let length = 1; length < 80; length += 7) {
      const data = new Uint8Array(length).map((_, i) => i * 7 + length);
      const withHash = withHashAndPadding(data);
      assert.equal(withHash.length % 16, 0);
      assert.ok(withHash.length - 20 - length < 16);
      assert.deepEqual(checkAnswerWithHash(withHash), data);
      const tampered = withHash.slice();
      tampered[20] ^= 1;
      refuses("answer_hash", () => checkAnswerWithHash(tampered));
    }
  });

  it("refuse answers of impossible lengths", () => {
    refuses("answer_hash", () => checkAnswerWithHash(new Uint8Array(0)));
    refuses("answer_hash", () => checkAnswerWithHash(new Uint8Array(33)));
    refuses("answer_hash", () => checkAnswerWithHash(new Uint8Array(48)));
  });
});
