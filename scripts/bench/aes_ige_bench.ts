/**
 * AES-256-IGE throughput: Sparrow's wasm and pure kernels side by side with
 * mtcute's wasm (`@mtcute/wasm`) and GramJS (`telegram`).
 *
 * Run: node_modules/.bin/deno bench -A scripts/bench/aes_ige_bench.ts
 * MB/s on 1 MiB = 1.048576 / (time per iteration in ms) · 1000 / 1e6 … deno bench
 * prints the time per iteration; the summary at the end prints MB/s and ratios.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Buffer } from "node:buffer";
import * as mtcute from "@mtcute/wasm";
import {
  aesIgeDecrypt,
  aesIgeEncrypt,
  type AesIgeImplementation,
  setAesIgeImplementation,
} from "../../crypto/aes_ige.ts";

const require = createRequire(import.meta.url);
mtcute.initSync(
  readFileSync(
    new URL(import.meta.resolve("@mtcute/wasm")).pathname.replace(
      /index\.js$/,
      mtcute.SIMD_AVAILABLE ? "mtcute-simd.wasm" : "mtcute.wasm",
    ),
  ),
);
const { IGE: GramIge } = require("telegram/crypto/IGE.js");

const MiB = new Uint8Array(1 << 20).map((_, i) => i * 7);
const KiB = MiB.slice(0, 1024);
const key = new Uint8Array(32).map((_, i) => i + 1);
const iv = new Uint8Array(32).map((_, i) => 255 - i);

function sparrow(
  implementation: AesIgeImplementation,
  encrypt: boolean,
  data: Uint8Array,
) {
  return () => {
    setAesIgeImplementation(implementation);
    (encrypt ? aesIgeEncrypt : aesIgeDecrypt)(data, key, iv);
  };
}

for (const [size, data] of [["1 MiB", MiB], ["1 KiB", KiB]] as const) {
  for (const encrypt of [true, false]) {
    const op = encrypt ? "encrypt" : "decrypt";
    const group = `ige ${op} ${size}`;
    Deno.bench(
      `sparrow wasm`,
      { group, baseline: true },
      sparrow("wasm", encrypt, data),
    );
    Deno.bench(`sparrow pure`, { group }, sparrow("pure", encrypt, data));
    Deno.bench(`mtcute wasm`, { group }, () => {
      (encrypt ? mtcute.ige256Encrypt : mtcute.ige256Decrypt)(data, key, iv);
    });
    const keyBuf = Buffer.from(key),
      ivBuf = Buffer.from(iv),
      dataBuf = Buffer.from(data);
    Deno.bench(`gramjs`, { group }, () => {
      const ige = new GramIge(keyBuf, ivBuf);
      encrypt ? ige.encryptIge(dataBuf) : ige.decryptIge(dataBuf);
    });
  }
}
