import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { decodeBase64, encodeBase64 } from "../../storage/base64.ts";
import { crc32 } from "../../storage/crc32.ts";
import { decodeValue, encodeValue } from "../../storage/value_codec.ts";
import { StorageError } from "../../storage/storage_error.ts";

describe("base64", () => {
  it("matches Buffer's encoding for every length up to 40, both alphabets", () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = new Uint8Array(length).map((_, i) =>
        (i * 73 + length * 11) & 0xff
      );
      const standard = Buffer.from(bytes).toString("base64");
      const urlSafe = Buffer.from(bytes).toString("base64url");
      assert.equal(encodeBase64(bytes), standard);
      assert.equal(encodeBase64(bytes, true), urlSafe);
      assert.deepEqual(decodeBase64(standard), bytes);
      assert.deepEqual(decodeBase64(urlSafe, true), bytes);
    }
  });

  it("rejects anything it would not have written", () => {
    for (
      const bad of [
        "A",
        "AB",
        "ABC",
        "A===",
        "AB=A",
        "AB==AB==",
        "AB\n==",
        "AB-_",
        "ABC=",
        "é",
      ]
    ) {
      assert.equal(decodeBase64(bad), undefined, JSON.stringify(bad));
    }
    for (const bad of ["A", "AB==", "AB+/", "AB", "ABC"]) {
      // "AB" and "ABC" have non-zero trailing bits; "A" is an impossible length.
      assert.equal(decodeBase64(bad, true), undefined, JSON.stringify(bad));
    }
    assert.deepEqual(decodeBase64("AA", true), new Uint8Array([0]));
  });
});

describe("crc32", () => {
  it("gives the standard check value", () => {
    assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
  });
});

describe("tagged JSON", () => {
  it("has a stable, readable shape", () => {
    assert.equal(
      encodeValue({
        hash: -5n,
        key: new Uint8Array([1, 2, 3]),
        list: [true, null],
      }),
      '{"hash":{"$n":"-5"},"key":{"$b":"AQID"},"list":[true,null]}',
    );
    assert.equal(encodeValue({ $b: 1 }), '{"$o":{"$b":1}}');
  });

  it("rejects text it would not have written, naming store and key", () => {
    for (
      const bad of [
        "",
        "{",
        '{"$n":"1.5"}',
        '{"$n":"01"}',
        '{"$n":5}',
        '{"$b":"A"}',
        '{"$b":"AQID","x":1}',
        '{"$o":[1]}',
        '{"$x":1}',
        "1e999",
      ]
    ) {
      assert.throws(
        () => decodeValue(bad, "test store", "some/key"),
        (error) => {
          assert.ok(error instanceof StorageError, String(error));
          assert.equal(error.code, "corrupt");
          assert.equal(error.key, "some/key");
          assert.match(error.message, /^test store, key "some\/key": /);
          return true;
        },
        bad,
      );
    }
  });

  it("rejects data nested too deep instead of overflowing the stack", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    assert.throws(() => decodeValue(deep, "s", "k"), StorageError);
  });
});
