/**
 * The browser path for real: crypto/ bundled by esbuild for the browser and
 * run in Chromium (playwright-core), where there is no node:crypto, so the
 * pure provider must be chosen and every vector must still come out right.
 * Skipped when /usr/bin/chromium is absent.
 */
import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { obfuscationKeys } from "../../crypto/mod.ts";
import { loadVectors, toHex } from "./helpers.ts";

const CHROMIUM = "/usr/bin/chromium";

describe("crypto in a browser (Chromium)", {
  skip: !existsSync(CHROMIUM) && "no chromium",
}, () => {
  it("picks the pure provider and reproduces the vectors", async () => {
    const vectors = {
      sample: loadVectors("auth_key_sample.json"),
      kdf: loadVectors("msg_key_kdf.json"),
      srp: loadVectors("srp_2fa.json"),
      ctr: loadVectors("aes_ige.json").aes256_ctr_stream,
    };
    const bundle = await build({
      entryPoints: [
        fileURLToPath(new URL("./browser/entry.ts", import.meta.url)),
      ],
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2022",
      write: false,
      define: { VECTORS: JSON.stringify(vectors) },
      logLevel: "silent",
    });
    const code = bundle.outputFiles[0].text;
    assert.ok(
      !/\bfrom\s*["']node:/.test(code) && !/require\(["']node:/.test(code),
      "no node: import in the bundle",
    );

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
      ],
    });
    let results: Record<string, string | boolean>;
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      await page.setContent("<!doctype html><title>crypto</title>");
      await page.addScriptTag({ content: code });
      results = await page.evaluate(() =>
        (globalThis as { cryptoResults?: Record<string, string | boolean> })
          .cryptoResults!
      );
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }

    const v = vectors.sample.values;
    assert.equal(results.provider, "pure");
    assert.equal(results.pqWasm, true);
    assert.equal(
      results.sha256,
      createHash("sha256").update("abc").digest("hex"),
    );
    assert.equal(
      results.ctr,
      vectors.ctr.chunks.map((c: { ciphertext: string }) =>
        c.ciphertext.toLowerCase()
      ).join(""),
    );
    assert.equal(results.pq, `${v.p},${v.q}`.toLowerCase());
    assert.equal(results.tmpAes, (v.tmp_aes_key + v.tmp_aes_iv).toLowerCase());
    assert.equal(results.authKey, v.auth_key.toLowerCase());
    const m = vectors.kdf.full_messages[0];
    assert.equal(
      results.decrypted,
      m.plaintext_with_padding.toLowerCase().slice(
        0,
        (32 + m.plaintext_fields.length) * 2,
      ),
    );
    assert.equal(results.fingerprint, "d09d1d85de64fd85");
    assert.equal(results.rsaPadLength, "256");
    assert.equal(results.srpA, vectors.srp.expected.A.toLowerCase());
    assert.equal(results.srpM1, vectors.srp.expected.M1.toLowerCase());
    const header = new Uint8Array(64).map((_, i) => i);
    assert.equal(
      results.obfuscation,
      toHex(obfuscationKeys(header, new Uint8Array(16)).encryptKey),
    );
  });
});
