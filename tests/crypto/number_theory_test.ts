import { generatePrimeSync } from "node:crypto";
import assert from "node:assert/strict";
import { it } from "node:test";
import {
  bigintFromBytes,
  bigintToBytes,
  factorizePQ,
  isProbablePrime,
  modPow,
  randomBytes,
  SecurityError,
  TELEGRAM_DH_PRIME,
} from "../../crypto/mod.ts";
import { describeWithProviders } from "./helpers.ts";

function naiveModPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n % mod;
  base = ((base % mod) + mod) % mod;
  for (; exp > 0n; exp >>= 1n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
  }
  return result;
}

const randomBigint = (bytes: number) => bigintFromBytes(randomBytes(bytes));

describeWithProviders("modPow", () => {
  it("matches square-and-multiply on random 2048-bit inputs", () => {
    for (let i = 0; i < 4; i++) {
      const mod = randomBigint(256) | 1n | (1n << 2047n);
      const base = randomBigint(256);
      const exp = randomBigint(256);
      assert.equal(modPow(base, exp, mod), naiveModPow(base, exp, mod));
    }
  });

  it("handles the edges: small, even and 1 moduli, exponents 0 and 1, bases 0, 1, p − 1, above p, negative", () => {
    const mods = [
      2n,
      3n,
      1000n,
      (1n << 600n) + 1n,
      TELEGRAM_DH_PRIME,
      TELEGRAM_DH_PRIME * 2n,
    ];
    for (const mod of mods) {
      for (
        const base of [
          0n,
          1n,
          2n,
          mod - 1n,
          mod,
          mod + 5n,
          -7n,
          randomBigint(40),
        ]
      ) {
        for (const exp of [0n, 1n, 2n, 65537n, randomBigint(32)]) {
          assert.equal(
            modPow(base, exp, mod),
            naiveModPow(base, exp, mod),
            `${base}^${exp} mod ${mod}`,
          );
        }
      }
    }
    assert.equal(modPow(5n, 3n, 1n), 0n);
  });

  it("refuses a modulus below 1 and a negative exponent", () => {
    assert.throws(() => modPow(2n, 3n, 0n), RangeError);
    assert.throws(() => modPow(2n, -1n, 7n), RangeError);
  });
});

describeWithProviders("isProbablePrime", () => {
  it("classifies known primes and composites, Carmichael numbers and strong pseudoprimes included", () => {
    const primes = [
      2n,
      3n,
      1999n,
      2003n,
      1000000007n,
      (1n << 61n) - 1n,
      (1n << 89n) - 1n,
      (1n << 127n) - 1n,
    ];
    const composites = [
      0n,
      1n,
      4n,
      561n,
      41041n,
      3215031751n,
      1000000007n * 998244353n,
      (1n << 67n) - 1n,
    ];
    for (const p of primes) assert.ok(isProbablePrime(p), `${p} is prime`);
    for (const c of composites) {
      assert.ok(!isProbablePrime(c), `${c} is composite`);
    }
    assert.ok(isProbablePrime(TELEGRAM_DH_PRIME));
    assert.ok(!isProbablePrime(TELEGRAM_DH_PRIME * 3n));
  });

  it("agrees with node:crypto on generated primes", () => {
    for (const bits of [40, 64, 512]) {
      const p = generatePrimeSync(bits, { bigint: true });
      assert.ok(isProbablePrime(p));
      assert.ok(
        !isProbablePrime(p * generatePrimeSync(bits, { bigint: true })),
      );
    }
  });
});

for (const implementation of ["wasm", "bigint"] as const) {
  describeWithProviders(`factorizePQ (${implementation} walk)`, () => {
    it("splits products of two random 31- and 32-bit primes", () => {
      for (let i = 0; i < 6; i++) {
        const bits = i % 2 === 0 ? 31 : 32;
        const a = generatePrimeSync(bits, { bigint: true });
        let b = generatePrimeSync(bits, { bigint: true });
        while (b === a) b = generatePrimeSync(bits, { bigint: true });
        assert.deepEqual(
          factorizePQ(a * b, implementation),
          a < b ? [a, b] : [b, a],
        );
      }
    });

    it("splits the sample's pq, unbalanced, even and near-2^64 products", () => {
      assert.equal(0x5A300D4Bn * 0x6A26DB65n, 0x256595EDB7766797n);
      for (
        const [p, q] of [
          [0x5A300D4Bn, 0x6A26DB65n],
          [3n, 1000000007n],
          [2n, 4294967291n],
          [4294967279n, 4294967291n],
          [3n, 6148914691236517199n],
        ]
      ) {
        assert.deepEqual(factorizePQ(p * q, implementation), [p, q]);
      }
    });

    it("refuses primes, squares, tiny and oversized values", () => {
      for (
        const bad of [
          0n,
          1n,
          4n,
          5n,
          4294967291n * 4294967291n,
          18446744073709551557n,
          1n << 64n,
          -15n,
        ]
      ) {
        assert.throws(
          () => factorizePQ(bad, implementation),
          (e) => e instanceof SecurityError && e.check === "pq",
          `${bad}`,
        );
      }
    });
  });
}

describeWithProviders("bigint bytes", () => {
  it("round-trips both byte orders and pads to the length", () => {
    const n = 0x0102030405n;
    assert.deepEqual(
      bigintToBytes(n, 8),
      Uint8Array.from([0, 0, 0, 1, 2, 3, 4, 5]),
    );
    assert.deepEqual(
      bigintToBytes(n, 8, true),
      Uint8Array.from([5, 4, 3, 2, 1, 0, 0, 0]),
    );
    assert.equal(bigintFromBytes(bigintToBytes(n, 8, true), true), n);
    assert.equal(bigintFromBytes(new Uint8Array(0)), 0n);
  });

  it("refuses negative numbers and numbers that do not fit", () => {
    assert.throws(() => bigintToBytes(-1n, 4), RangeError);
    assert.throws(() => bigintToBytes(1n << 32n, 4), RangeError);
  });
});
