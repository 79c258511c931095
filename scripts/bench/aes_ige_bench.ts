/**
 * AES-256-IGE speed: Sparrow's wasm and pure kernels side by side with
 * mtcute's wasm (`@mtcute/wasm`, its SIMD build when available) and GramJS
 * (`telegram`), encrypt and decrypt, on 1 MiB and on 1 KiB.
 *
 *   node_modules/.bin/deno bench -A scripts/bench/aes_ige_bench.ts
 *     deno's own statistics; the summary lines give the ratios to Sparrow's wasm kernel.
 *   node_modules/.bin/deno run -A scripts/bench/aes_ige_bench.ts
 *     a table of MB/s (1 MiB) and µs (1 KiB), best of several rounds, with ratios.
 *
 * @module
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

const mtcuteWasm = new URL(
  mtcute.SIMD_AVAILABLE ? "mtcute-simd.wasm" : "mtcute.wasm",
  import.meta.resolve("@mtcute/wasm"),
);
mtcute.initSync(readFileSync(mtcuteWasm));
const require = createRequire(import.meta.url);
const { IGE: GramJsIge } = require("telegram/crypto/IGE.js");

const key = new Uint8Array(32).map((_, i) => i * 11 + 1);
const iv = new Uint8Array(32).map((_, i) => 255 - i * 3);
const sizes = [
  {
    name: "1 MiB",
    data: new Uint8Array(1 << 20).map((_, i) => i * 7 + (i >> 8)),
  },
  { name: "1 KiB", data: new Uint8Array(1024).map((_, i) => i * 13) },
];

type Run = (data: Uint8Array) => unknown;
interface Contender {
  name: string;
  encrypt: Run;
  decrypt: Run;
}

function sparrow(implementation: AesIgeImplementation): Contender {
  return {
    name: `sparrow ${implementation}`,
    encrypt: (data) => {
      setAesIgeImplementation(implementation);
      return aesIgeEncrypt(data, key, iv);
    },
    decrypt: (data) => {
      setAesIgeImplementation(implementation);
      return aesIgeDecrypt(data, key, iv);
    },
  };
}

const keyBuffer = Buffer.from(key), ivBuffer = Buffer.from(iv);
const contenders: Contender[] = [
  sparrow("wasm"),
  sparrow("pure"),
  {
    name: `mtcute wasm${mtcute.SIMD_AVAILABLE ? " (simd)" : ""}`,
    encrypt: (data) => mtcute.ige256Encrypt(data, key, iv),
    decrypt: (data) => mtcute.ige256Decrypt(data, key, iv),
  },
  {
    name: "gramjs",
    // GramJS takes Buffers; the conversion is part of using it.
    encrypt: (data) =>
      new GramJsIge(keyBuffer, ivBuffer).encryptIge(Buffer.from(data)),
    decrypt: (data) =>
      new GramJsIge(keyBuffer, ivBuffer).decryptIge(Buffer.from(data)),
  },
];

// Everyone must compute the same thing before being timed.
for (const { data } of sizes) {
  const expected = Buffer.from(contenders[0].encrypt(data) as Uint8Array);
  for (const c of contenders) {
    const encrypted = c.encrypt(data) as Uint8Array;
    if (!expected.equals(Buffer.from(encrypted))) {
      throw new Error(`${c.name}: wrong ciphertext`);
    }
    if (
      !Buffer.from(data).equals(Buffer.from(c.decrypt(encrypted) as Uint8Array))
    ) {
      throw new Error(`${c.name}: wrong plaintext`);
    }
  }
}

if (import.meta.main) {
  // deno run: best-of-N timings, interleaved so that load from other processes hits everyone alike.
  const rounds = 25;
  const rows: string[][] = [];
  for (const { name: size, data } of sizes) {
    const inner = data.length >= 1 << 20 ? 1 : 300;
    for (const operation of ["encrypt", "decrypt"] as const) {
      const best = contenders.map(() => Infinity);
      for (let round = 0; round < rounds; round++) {
        contenders.forEach((c, i) => {
          const start = performance.now();
          for (let n = 0; n < inner; n++) c[operation](data);
          best[i] = Math.min(best[i], (performance.now() - start) / inner);
        });
      }
      contenders.forEach((c, i) => {
        const value = data.length >= 1 << 20
          ? `${(data.length / best[i] / 1000).toFixed(0)} MB/s`
          : `${(best[i] * 1000).toFixed(2)} µs`;
        rows.push([
          `${operation} ${size}`,
          c.name,
          value,
          `${(best[i] / best[0]).toFixed(2)}×`,
        ]);
      });
    }
  }
  const header = ["case", "implementation", "speed", "time ÷ sparrow wasm"];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => r[i].length))
  );
  for (const row of [header, widths.map((w) => "-".repeat(w)), ...rows]) {
    console.log(
      `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`,
    );
  }
} else {
  for (const { name: size, data } of sizes) {
    for (const operation of ["encrypt", "decrypt"] as const) {
      const group = `aes-256-ige ${operation} ${size}`;
      for (const c of contenders) {
        Deno.bench(c.name, { group, baseline: c === contenders[0] }, () => {
          c[operation](data);
        });
      }
    }
  }
}
