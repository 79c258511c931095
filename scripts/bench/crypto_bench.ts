/**
 * Crypto benchmarks (everything but AES-IGE, which has aes_ige_bench.ts):
 * SHA-256 of 1 KiB, 2048-bit modexp, PQ factorisation, AES-256-CTR and the
 * MTProto 2.0 envelope, each with Sparrow's node:crypto and pure providers,
 * side by side with mtcute (`@mtcute/wasm`, `@mtcute/core`) and GramJS
 * (`telegram`) where they offer the same operation.
 *
 * Run: node_modules/.bin/deno bench -A scripts/bench/crypto_bench.ts
 * (deno bench prints each group's ratios against its baseline, Sparrow's default).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Buffer } from "node:buffer";
import { generatePrimeSync } from "node:crypto";
import * as mtcute from "@mtcute/wasm";
import {
  createAesCtr,
  createNodeCryptoProvider,
  type CryptoProvider,
  decryptMessage,
  encryptMessage,
  factorizePQ,
  modPow,
  pureCryptoProvider,
  randomBytes,
  sha256,
  TELEGRAM_DH_PRIME,
  useCryptoProvider,
} from "../../crypto/mod.ts";

const require = createRequire(import.meta.url);
const mtcuteWasmDir = new URL(import.meta.resolve("@mtcute/wasm")).pathname
  .replace(/index\.js$/, "");
mtcute.initSync(
  readFileSync(
    mtcuteWasmDir +
      (mtcute.SIMD_AVAILABLE ? "mtcute-simd.wasm" : "mtcute.wasm"),
  ),
);
const mtcuteCoreDir = mtcuteWasmDir.replace(/wasm\/$/, "core/");
const { factorizePQSync: mtcuteFactorize } = require(
  mtcuteCoreDir + "utils/crypto/factorization.cjs",
);
const gramHelpers = require("telegram/Helpers.js");
const { Factorizator: GramFactorizator } = require(
  "telegram/crypto/Factorizator.js",
);
const bigInt = require("big-integer");

const node = createNodeCryptoProvider()!;
const providers: [string, CryptoProvider][] = [["node", node], [
  "pure",
  pureCryptoProvider,
]];
const using = (provider: CryptoProvider, fn: () => unknown) => () => {
  useCryptoProvider(provider);
  fn();
};

// SHA-256 of 1 KiB
const kib = randomBytes(1024);
for (const [name, provider] of providers) {
  Deno.bench(`sparrow ${name}`, {
    group: "sha256 1 KiB",
    baseline: name === "node",
  }, using(provider, () => sha256(kib)));
}
Deno.bench("mtcute wasm", { group: "sha256 1 KiB" }, () => {
  mtcute.sha256(kib);
});
const kibBuffer = Buffer.from(kib);
Deno.bench("gramjs (async)", { group: "sha256 1 KiB" }, async () => {
  await gramHelpers.sha256(kibBuffer);
});

// 2048-bit modexp: g_a^b mod dh_prime as in the key exchange
const base = BigInt("0x" + Buffer.from(randomBytes(255)).toString("hex"));
const exponent = BigInt("0x" + Buffer.from(randomBytes(256)).toString("hex"));
for (const [name, provider] of providers) {
  Deno.bench(
    `sparrow ${name}`,
    { group: "modexp 2048", baseline: name === "node" },
    using(provider, () => modPow(base, exponent, TELEGRAM_DH_PRIME)),
  );
}
Deno.bench(
  "gramjs big-integer",
  { group: "modexp 2048", n: 5, warmup: 1 },
  () => {
    gramHelpers.modExp(
      bigInt(base.toString()),
      bigInt(exponent.toString()),
      bigInt(TELEGRAM_DH_PRIME.toString()),
    );
  },
);

// PQ: products of two random 31-bit primes (what Telegram sends), one fixed set for all
const pqs = Array.from(
  { length: 16 },
  () =>
    generatePrimeSync(31, { bigint: true }) *
    generatePrimeSync(31, { bigint: true }),
);
let next = 0;
const nextPq = () => pqs[next++ % pqs.length];
Deno.bench("sparrow wasm", { group: "pq", baseline: true }, () => {
  factorizePQ(nextPq(), "wasm");
});
Deno.bench("sparrow bigint", { group: "pq" }, () => {
  factorizePQ(nextPq(), "bigint");
});
const mtcuteCrypto = { randomBytes: (n: number) => randomBytes(n) };
Deno.bench("mtcute", { group: "pq" }, () => {
  const pq = nextPq();
  mtcuteFactorize(
    mtcuteCrypto,
    Buffer.from(pq.toString(16).padStart(16, "0"), "hex"),
  );
});
Deno.bench("gramjs", { group: "pq", n: 10, warmup: 1 }, () => {
  GramFactorizator.factorize(bigInt(nextPq().toString()));
});

// AES-256-CTR, 64 KiB per call on a long-lived stream (the obfuscated transport)
const chunk = randomBytes(65536);
const ctrKey = randomBytes(32);
const ctrIv = randomBytes(16);
for (const [name, provider] of providers) {
  useCryptoProvider(provider);
  const stream = createAesCtr(ctrKey, ctrIv);
  Deno.bench(`sparrow ${name}`, {
    group: "aes-ctr 64 KiB",
    baseline: name === "node",
  }, () => {
    stream.process(chunk);
  });
}
const mtcuteCtr = mtcute.createCtr256(ctrKey, ctrIv);
Deno.bench("mtcute wasm", { group: "aes-ctr 64 KiB" }, () => {
  mtcute.ctr256(mtcuteCtr, chunk);
});

// The MTProto 2.0 envelope over a 1 KiB message (hashes + IGE + checks)
const authKey = randomBytes(256);
const plaintext = randomBytes(32 + 1024);
new DataView(plaintext.buffer).setInt32(28, 1024, true);
for (const [name, provider] of providers) {
  useCryptoProvider(provider);
  const packet = encryptMessage(authKey, plaintext, "server");
  Deno.bench(
    `sparrow ${name} encrypt`,
    { group: "envelope 1 KiB", baseline: name === "node" },
    using(provider, () => {
      encryptMessage(authKey, plaintext, "client");
    }),
  );
  Deno.bench(
    `sparrow ${name} decrypt`,
    { group: "envelope 1 KiB" },
    using(provider, () => {
      decryptMessage(authKey, packet, "server");
    }),
  );
}
useCryptoProvider(node);
