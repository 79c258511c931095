import { createCipheriv, createHash, pbkdf2Sync } from "node:crypto";
import assert from "node:assert/strict";
import { it } from "node:test";
import {
  createAesCtr,
  pbkdf2Sha512,
  randomBytes,
  sha1,
  sha256,
  sha512,
} from "../../crypto/mod.ts";
import {
  describeWithProviders,
  fromHex,
  loadVectors,
  toHex,
} from "./helpers.ts";

const nodeHash = (algorithm: string, ...chunks: Uint8Array[]) => {
  const h = createHash(algorithm);
  for (const c of chunks) h.update(c);
  return toHex(h.digest());
};

const ABC = new TextEncoder().encode("abc");

describeWithProviders("hashes", () => {
  it("match the FIPS 180 'abc' vectors", () => {
    assert.equal(toHex(sha1(ABC)), "a9993e364706816aba3e25717850c26c9cd0d89d");
    assert.equal(
      toHex(sha256(ABC)),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    assert.equal(
      toHex(sha512(ABC)),
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a" +
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    );
  });

  it("match node:crypto on random inputs, whole and in chunks", () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 1000, 4096]) {
      const data = randomBytes(length);
      const cut = Math.floor(length / 3);
      const parts = [
        data.subarray(0, cut),
        data.subarray(cut, 2 * cut),
        data.subarray(2 * cut),
      ];
      for (
        const [name, fn] of [["sha1", sha1], ["sha256", sha256], [
          "sha512",
          sha512,
        ]] as const
      ) {
        assert.equal(
          toHex(fn(data)),
          nodeHash(name, data),
          `${name} of ${length} bytes`,
        );
        assert.equal(
          toHex(fn(...parts)),
          nodeHash(name, data),
          `${name} of ${length} bytes in chunks`,
        );
      }
    }
  });

  it("return plain Uint8Arrays", () => {
    assert.equal(Object.getPrototypeOf(sha256(ABC)), Uint8Array.prototype);
  });

  it("PBKDF2-HMAC-SHA512 matches node:crypto", () => {
    for (const iterations of [1, 2, 1000]) {
      const password = randomBytes(32);
      const salt = randomBytes(40);
      assert.equal(
        toHex(pbkdf2Sha512(password, salt, iterations)),
        toHex(pbkdf2Sync(password, salt, iterations, 64, "sha512")),
      );
    }
  });

  it("PBKDF2 refuses a non-positive iteration count", () => {
    assert.throws(() => pbkdf2Sha512(ABC, ABC, 0), RangeError);
    assert.throws(() => pbkdf2Sha512(ABC, ABC, 1.5), RangeError);
  });
});

describeWithProviders("AES-256-CTR stream", () => {
  it("reproduces the published two-write vector", () => {
    const v = loadVectors("aes_ige.json").aes256_ctr_stream;
    const stream = createAesCtr(fromHex(v.key), fromHex(v.iv));
    assert.ok(v.chunks.length >= 2);
    for (const chunk of v.chunks) {
      assert.equal(
        toHex(stream.process(fromHex(chunk.plaintext))),
        chunk.ciphertext.toLowerCase(),
      );
    }
  });

  it("continues the keystream across arbitrary chunk sizes (compared with node:crypto one-shot)", () => {
    for (let round = 0; round < 20; round++) {
      const key = randomBytes(32);
      const iv = randomBytes(16);
      if (round === 0) iv.fill(0xff); // the 128-bit counter wraps around
      const data = randomBytes(1 + Math.floor(Math.random() * 600));
      const expected = createCipheriv("aes-256-ctr", key, iv).update(data);
      const stream = createAesCtr(key, iv);
      const out: number[] = [];
      for (let offset = 0; offset < data.length;) {
        const size = Math.min(
          data.length - offset,
          Math.floor(Math.random() * 70),
        );
        out.push(...stream.process(data.subarray(offset, offset + size)));
        offset += size;
      }
      assert.equal(toHex(Uint8Array.from(out)), toHex(expected));
    }
  });

  it("decrypts what it encrypted", () => {
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const data = randomBytes(1000);
    const encrypted = createAesCtr(key, iv).process(data);
    assert.deepEqual(createAesCtr(key, iv).process(encrypted), data);
  });

  it("refuses bad key and iv lengths", () => {
    assert.throws(
      () => createAesCtr(new Uint8Array(16), new Uint8Array(16)),
      RangeError,
    );
    assert.throws(
      () => createAesCtr(new Uint8Array(32), new Uint8Array(32)),
      RangeError,
    );
  });
});
