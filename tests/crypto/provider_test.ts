import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createNodeCryptoProvider,
  detectCryptoProvider,
  getCryptoProvider,
  pureCryptoProvider,
  randomBytes,
  sha256,
  useCryptoProvider,
} from "../../crypto/mod.ts";
import { describeWithProviders } from "./helpers.ts";

describe("crypto provider selection", () => {
  it("picks node:crypto where the runtime has it (Deno and Node run these tests)", () => {
    assert.equal(detectCryptoProvider().name, "node");
    assert.equal(getCryptoProvider().name, "node");
  });

  it("falls back to the pure provider when process.getBuiltinModule is missing, as in browsers", () => {
    const process = (globalThis as { process?: { getBuiltinModule?: unknown } })
      .process!;
    const original = process.getBuiltinModule;
    try {
      process.getBuiltinModule = undefined;
      assert.equal(createNodeCryptoProvider(), undefined);
      assert.equal(detectCryptoProvider(), pureCryptoProvider);
      process.getBuiltinModule = () => {
        throw new Error("no such module");
      };
      assert.equal(createNodeCryptoProvider(), undefined);
    } finally {
      process.getBuiltinModule = original;
    }
  });

  it("can be forced and restored", () => {
    const previous = useCryptoProvider(pureCryptoProvider);
    try {
      assert.equal(getCryptoProvider(), pureCryptoProvider);
    } finally {
      useCryptoProvider(previous);
    }
    assert.equal(getCryptoProvider(), previous);
  });
});

describeWithProviders("describeWithProviders", (provider) => {
  it("installs the provider for the suite's tests", () => {
    assert.equal(getCryptoProvider(), provider);
    assert.equal(sha256(new Uint8Array(0)).length, 32);
  });
});

describe("randomBytes", () => {
  it("returns the requested length, past the 64 KiB getRandomValues limit too", () => {
    for (const n of [0, 1, 16, 65536, 65537, 200000]) {
      assert.equal(randomBytes(n).length, n);
    }
  });

  it("fills every chunk (no zero tail after the first 64 KiB)", () => {
    const bytes = randomBytes(200000);
    for (const start of [0, 65536, 131072, 196608]) {
      assert.ok(
        bytes.subarray(start, start + 64).some((b) => b !== 0),
        `chunk at ${start}`,
      );
    }
    assert.notDeepEqual(randomBytes(32), randomBytes(32));
  });

  it("refuses negative and non-integer lengths", () => {
    for (const n of [-1, 1.5, NaN]) {
      assert.throws(() => randomBytes(n), RangeError);
    }
  });
});
