import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createNodeCryptoProvider,
  detectCryptoProvider,
  getCryptoProvider,
  pureCryptoProvider,
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
